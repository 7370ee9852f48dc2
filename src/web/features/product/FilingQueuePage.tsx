import { Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { filingApi } from '../../api/financing';
import type { Filing } from '../../api/financing-types';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { useApi } from '../../components/useApi';
import { FilingActions } from './FilingActions';

const PAGE_SIZE = 20;
const STATUS_COLOR: Record<string, string> = { submitted: 'orange', reviewed: 'gold', approved: 'green', rejected: 'red', withdrawn: 'default' };
/** The views of the list: what awaits a decision (the default), and what was decided or withdrawn. */
const VIEWS = { open: 'submitted,reviewed', approved: 'approved', rejected: 'rejected', withdrawn: 'withdrawn' } as const;
type View = keyof typeof VIEWS;

/**
 * 备案 (GET /filings), oldest submission first. Officers see every institution's filings and act on them; an
 * institution sees its own filings and where each stands (the server scopes the list).
 */
export function FilingQueuePage() {
  const { t, language } = useI18n();
  const user = useUser();
  const own = user.role === 'institution_user';
  const [page, setPage] = useState(1);
  const [view, setView] = useState<View>('open');
  const { data, error, loading, reload } = useApi((signal) => filingApi.queue({ status: VIEWS[view], page, pageSize: PAGE_SIZE }, signal), `queue:${view}:${page}`);
  return (
    <Card title={t(own ? 'filing.mine.title' : 'filing.queue.title')} data-testid="filing-queue">
      <Typography.Paragraph type="secondary">{t(own ? 'filing.mine.hint' : 'filing.queue.hint')}</Typography.Paragraph>
      <Segmented<View>
        style={{ marginBottom: 16 }}
        value={view}
        onChange={(v) => {
          setView(v);
          setPage(1);
        }}
        options={(Object.keys(VIEWS) as View[]).map((v) => ({ value: v, label: t(`filing.view.${v}`) }))}
        data-testid="filing-view"
      />
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Filing>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true, onChange: setPage }}
        locale={{ emptyText: t(view === 'open' ? 'filing.queue.empty' : 'filing.view.empty') }}
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
                <Tag color={STATUS_COLOR[f.status] ?? 'default'}>{t(`filing.status.${f.status}`)}</Tag>
                {f.proposePolicyProduct && <Tag color="red">{t('filing.field.proposal')}</Tag>}
              </Space>
            ),
          },
          { key: 'submitted', title: t('filing.field.submittedAt'), render: (_, f) => formatDateTime(f.submittedAt, language) },
          { key: 'submitter', title: t('filing.field.submittedBy'), render: (_, f) => <span data-testid="filing-submitter">{f.submittedBy.displayName}</span> },
          { key: 'reviewer', title: t('filing.field.reviewedBy'), render: (_, f) => <span data-testid="filing-reviewer">{f.reviewedBy?.displayName ?? '—'}</span> },
          { key: 'actions', title: '', render: (_, f) => <FilingActions productId={f.product.id} filing={f} onDone={reload} /> },
        ]}
      />
    </Card>
  );
}
