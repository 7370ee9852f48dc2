import { Tag } from 'antd';
import type { Product } from '../../api/financing-types';
import { useI18n } from '../../app/i18n';

export function ProductTags({ product }: { product: Pick<Product, 'policyProduct' | 'isProgramme' | 'status'> & { filingStatus?: Product['filingStatus'] } }) {
  const { t } = useI18n();
  return (
    <>
      {product.policyProduct && (
        <Tag color="red" data-testid="tag-policy-product">
          {t('product.tag.policy')}
        </Tag>
      )}
      {product.isProgramme && <Tag color="blue">{t('product.tag.programme')}</Tag>}
      {product.status !== 'active' && <Tag>{t(`productStatus.${product.status}`)}</Tag>}
      {product.filingStatus && product.filingStatus !== 'not_filed' && product.filingStatus !== 'approved' && (
        <Tag color={product.filingStatus === 'rejected' ? 'default' : 'orange'}>{t(`filingStatus.${product.filingStatus}`)}</Tag>
      )}
    </>
  );
}
