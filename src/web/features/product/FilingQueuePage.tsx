import { Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { filingApi } from '../../api/financing';
import type { Filing } from '../../api/financing-types';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { useApi } from '../../components/useApi';
import { FilingActions } from './FilingActions';

const PAGE_SIZE = 20;

/** Officers' 备案 queue: filings awaiting a decision, oldest first (GET /filings). */
export function FilingQueuePage() {
  const { t, language } = useI18n();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi((signal) => filingApi.queue({ page, pageSize: PAGE_SIZE }, signal), `queue:${page}`);
  return (
    <Card title={t('filing.queue.title')} data-testid="filing-queue">
      <Typography.Paragraph type="secondary">{t('filing.queue.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Filing>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true, onChange: setPage }}
        locale={{ emptyText: t('filing.queue.empty') }}
        columns={[
          {
            key: 'product',
            title: t('product.field.name'),
            render: (_, f) => (
              <Space>
                <Link to={`/products/${f.product.id}?tab=filings`} data-testid="filing-queue-product">
                  {f.product.name}
                </Link>
                <Typography.Text type="secondary">{f.product.code}</Typography.Text>
              </Space>
            ),
          },
          { key: 'owner', title: t('product.field.owner'), render: (_, f) => f.product.owner.name },
          { key: 'version', title: t('filing.field.version'), render: (_, f) => `v${f.version}` },
          {
            key: 'status',
            title: t('filing.field.status'),
            render: (_, f) => (
              <Space>
                <Tag color="orange">{t(`filing.status.${f.status}`)}</Tag>
                {f.proposePolicyProduct && <Tag color="red">{t('filing.field.proposal')}</Tag>}
              </Space>
            ),
          },
          { key: 'submitted', title: t('filing.field.submittedAt'), render: (_, f) => formatDateTime(f.submittedAt, language) },
          { key: 'reviewer', title: t('filing.field.reviewedBy'), render: (_, f) => <span data-testid="filing-reviewer">{f.reviewedBy?.displayName ?? '—'}</span> },
          { key: 'actions', title: '', render: (_, f) => <FilingActions productId={f.product.id} filing={f} onDone={reload} /> },
        ]}
      />
    </Card>
  );
}
