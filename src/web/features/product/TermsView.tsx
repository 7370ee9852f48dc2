import { Descriptions, Empty, Typography } from 'antd';
import type { ProductTerms } from '../../api/financing-types';
import { useI18n } from '../../app/i18n';
import { amountRange, collateralLabel, criteriaRows, rateRange, termRange } from './labels';

/** One version's terms and its eligibility criteria in words. */
export function TermsView({ terms, testId }: { terms: ProductTerms; testId?: string }) {
  const { t, language } = useI18n();
  const criteria = criteriaRows(terms.criteria, t, language);
  return (
    <div data-testid={testId}>
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label={t('product.field.version')}>v{terms.version}</Descriptions.Item>
        <Descriptions.Item label={t('product.field.amount')}>{amountRange(terms, language, t)}</Descriptions.Item>
        <Descriptions.Item label={t('product.field.term')}>{termRange(terms, t)}</Descriptions.Item>
        <Descriptions.Item label={t('product.field.rate')}>{rateRange(terms)}</Descriptions.Item>
        <Descriptions.Item label={t('product.field.collateralMode')}>{collateralLabel(t, terms.collateralMode)}</Descriptions.Item>
        <Descriptions.Item label={t('product.field.description')} span={2}>
          {terms.description ?? '—'}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('product.criteria')}
      </Typography.Title>
      {criteria.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('product.criteria.none')} />
      ) : (
        <Descriptions bordered size="small" column={1} data-testid="product-criteria">
          {criteria.map(([label, value]) => (
            <Descriptions.Item key={label} label={label}>
              {value}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </div>
  );
}
