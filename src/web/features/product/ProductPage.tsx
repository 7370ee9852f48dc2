import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Modal, Space, Spin, Table, Tabs, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { productApi } from '../../api/financing';
import type { Product, ProductTerms } from '../../api/financing-types';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NotFound } from '../../components/NotFound';
import { formatDateTime } from '../../components/format';
import { useApi } from '../../components/useApi';
import { ApiError } from '../../api/client';
import { FilingPanel } from './FilingPanel';
import { ProductFormModal } from './ProductFormModal';
import { ProductTags } from './ProductTags';
import { TargetsTab } from './TargetsTab';
import { TermsView } from './TermsView';
import { productTypeLabel } from './labels';

/** One product: its current terms and criteria, the version history, filing, and its target enterprises. */
export function ProductPage() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const [viewing, setViewing] = useState<ProductTerms | null>(null);
  const { data: product, error, loading, reload } = useApi((signal) => productApi.get(id, signal), id);

  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  if (!product) return error ? <ErrorAlert error={error} onRetry={reload} /> : <Spin />;

  const staff = ['admin', 'officer', 'reviewer', 'auditor'].includes(user.role);
  const owner = user.role === 'institution_user' && product.owner.id === user.organization.id;
  const partner = user.role === 'institution_user' && product.partners.some((p) => p.id === user.organization.id);
  const manages = owner || ((user.role === 'officer' || user.role === 'admin') && product.isProgramme);
  const tab = params.get('tab') ?? 'terms';

  async function openVersion(version: number) {
    setViewing(await productApi.version(product!.id, version));
  }

  const items = [
    { key: 'terms', label: t('product.tab.terms'), children: <TermsView terms={product.terms} testId="product-terms" /> },
    {
      key: 'versions',
      label: t('product.tab.versions'),
      children: (
        <Table
          rowKey="version"
          size="small"
          pagination={false}
          data-testid="product-versions"
          dataSource={[...(product.versions ?? [])].reverse()}
          columns={[
            {
              key: 'version',
              title: t('product.field.version'),
              render: (_, v) => (
                <Space>
                  v{v.version}
                  {v.version === product.currentVersion && <Tag color="green">{t('product.versions.current')}</Tag>}
                </Space>
              ),
            },
            { key: 'at', title: t('product.versions.createdAt'), render: (_, v) => formatDateTime(v.createdAt, language) },
            {
              key: 'view',
              title: '',
              render: (_, v) => (
                <Button size="small" onClick={() => openVersion(v.version)} data-testid={`version-view-${v.version}`}>
                  {t('product.versions.view')}
                </Button>
              ),
            },
          ]}
        />
      ),
    },
    ...(staff || owner
      ? [{ key: 'filings', label: t('product.tab.filings'), children: <FilingPanel product={product} owner={manages} onChange={reload} /> }]
      : []),
    ...(staff || owner || partner ? [{ key: 'targets', label: t('product.tab.targets'), children: <TargetsTab productId={product.id} /> }] : []),
  ];

  return (
    <Card
      loading={loading && !product}
      data-testid="product-page"
      title={
        <Space wrap>
          <span data-testid="product-title">{product.name}</span>
          <Typography.Text type="secondary">{product.code}</Typography.Text>
          <ProductTags product={product} />
        </Space>
      }
      extra={
        <Space>
          {user.role === 'enterprise_user' && product.status === 'active' && (
            <Link to={`/applications/new?product=${encodeURIComponent(product.code)}`}>
              <Button type="primary" data-testid="product-apply">
                {t('product.apply')}
              </Button>
            </Link>
          )}
          {manages && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="product-edit">
              {t('product.edit')}
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('product.field.type')}>{productTypeLabel(t, product.type)}</Descriptions.Item>
        <Descriptions.Item label={t('product.field.owner')}>{product.owner.name}</Descriptions.Item>
        <Descriptions.Item label={t('product.field.filingStatus')}>{t(`filingStatus.${product.filingStatus}`)}</Descriptions.Item>
        {product.isProgramme && (
          <Descriptions.Item label={t('product.field.partners')} span={3}>
            {product.partners.map((p) => p.name).join('、') || '—'}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'terms' ? {} : { tab: key }, { replace: true })}
        items={items}
        destroyOnHidden
      />
      <ProductFormModal
        open={editing}
        product={product}
        programme={product.isProgramme}
        onCancel={() => setEditing(false)}
        save={(input) => productApi.update(product.id, input)}
        onSaved={(p: Product) => {
          setEditing(false);
          void message.success(t('product.saved', { version: p.currentVersion }));
          reload();
        }}
      />
      <Modal open={!!viewing} footer={null} width={760} onCancel={() => setViewing(null)} title={viewing ? `${product.name} v${viewing.version}` : ''}>
        {viewing && <TermsView terms={viewing} testId="version-terms" />}
      </Modal>
    </Card>
  );
}
