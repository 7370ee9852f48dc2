import { Card, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { filingApi, productApi } from '../../api/financing';
import type { Filing, Product } from '../../api/financing-types';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { useApi } from '../../components/useApi';
import { FilingActions } from './FilingActions';
import { productTypeLabel } from './labels';

interface Row {
  product: Product;
  filing: Filing;
}

/**
 * Officers' 备案 queue. The API has no filing list of its own, so the queue is the catalog's products whose
 * latest filing is open (filingStatus "filed"), each with its newest filing.
 */
async function loadQueue(signal: AbortSignal): Promise<Row[]> {
  const rows: Row[] = [];
  let page = 1;
  for (;;) {
    const reply = await productApi.list({ page, pageSize: 200 }, signal);
    for (const product of reply.items.filter((p) => p.filingStatus === 'filed')) {
      const filings = await filingApi.list(product.id, signal);
      const open = filings.items.find((f) => f.status === 'submitted' || f.status === 'reviewed');
      if (open) rows.push({ product, filing: open });
    }
    if (page * reply.pageSize >= reply.total) break;
    page += 1;
  }
  return rows.sort((a, b) => a.filing.submittedAt.localeCompare(b.filing.submittedAt));
}

export function FilingQueuePage() {
  const { t, language } = useI18n();
  const { data, error, loading, reload } = useApi(loadQueue, 'queue');
  return (
    <Card title={t('filing.queue.title')} data-testid="filing-queue">
      <Typography.Paragraph type="secondary">{t('filing.queue.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Row>
        rowKey={(r) => r.filing.id}
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        locale={{ emptyText: t('filing.queue.empty') }}
        columns={[
          {
            key: 'product',
            title: t('product.field.name'),
            render: (_, r) => (
              <Space>
                <Link to={`/products/${r.product.id}?tab=filings`} data-testid="filing-queue-product">
                  {r.product.name}
                </Link>
                <Typography.Text type="secondary">{r.product.code}</Typography.Text>
              </Space>
            ),
          },
          { key: 'type', title: t('product.field.type'), render: (_, r) => productTypeLabel(t, r.product.type) },
          { key: 'owner', title: t('product.field.owner'), render: (_, r) => r.product.owner.name },
          { key: 'version', title: t('filing.field.version'), render: (_, r) => `v${r.filing.version}` },
          {
            key: 'status',
            title: t('filing.field.status'),
            render: (_, r) => (
              <Space>
                <Tag color="orange">{t(`filing.status.${r.filing.status}`)}</Tag>
                {r.filing.proposePolicyProduct && <Tag color="red">{t('filing.field.proposal')}</Tag>}
              </Space>
            ),
          },
          { key: 'submitted', title: t('filing.field.submittedAt'), render: (_, r) => formatDateTime(r.filing.submittedAt, language) },
          { key: 'actions', title: '', render: (_, r) => <FilingActions productId={r.product.id} filing={r.filing} onDone={reload} /> },
        ]}
      />
    </Card>
  );
}
