import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, Space, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router-dom';
import { applicationApi } from '../../api/financing';
import type { ApplicationQuery, ApplicationSummary } from '../../api/financing-types';
import type { Page } from '../../api/types';
import { useUser } from '../../app/auth';
import { useI18n, type MessageKey } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatWan } from '../../components/format';
import { useApi } from '../../components/useApi';
import { StatusTag } from './StatusTag';
import { daysSince } from './labels';

// The officers' views of the one list: the screening queue first, as the office works it.
const OFFICER_VIEWS: Array<{ key: string; label: MessageKey; query: ApplicationQuery }> = [
  { key: 'queue', label: 'app.view.queue', query: { status: 'submitted,screening', order: 'queue' } },
  { key: 'review', label: 'app.view.review', query: { status: 'review', order: 'queue' } },
  { key: 'reassigned', label: 'app.view.reassigned', query: { status: 'reassigned,declined', order: 'queue' } },
  { key: 'banks', label: 'app.view.banks', query: { status: 'recommended,accepted,approved', order: 'recent' } },
  { key: 'all', label: 'app.view.all', query: { order: 'recent' } },
];

/** 融资申请 by role: the enterprise's own, the officers' queues, the reviewers' to score, the bank's inbox. */
export function ApplicationListPage() {
  const { t, language } = useI18n();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const role = user.role;
  const bank = role === 'institution_user';
  const officer = role === 'officer' || role === 'admin' || role === 'auditor';
  const view = params.get('view') ?? (officer ? 'queue' : 'all');
  const page = Number(params.get('page') ?? 1);
  const q = params.get('q') ?? undefined;
  const overdueOnly = params.get('overdue') === 'true';

  const { data, error, loading, reload } = useApi<Page<ApplicationSummary>>(async (signal) => {
    if (bank) return applicationApi.inbox({ page, pageSize: 20, q, overdue: overdueOnly ? 'true' : undefined }, signal);
    const query: ApplicationQuery =
      role === 'reviewer' ? { status: 'review', order: 'queue' } : officer ? (OFFICER_VIEWS.find((v) => v.key === view)?.query ?? {}) : { order: 'recent' };
    return applicationApi.list({ ...query, page, pageSize: 20, q }, signal);
  }, params.toString());
  // Rows past a warning line (the server's overdueLine) are marked for the bank, whose clock it is, and the office.
  const overdue = (a: ApplicationSummary) => (bank || officer) && a.overdueLine != null;

  function set(key: string, value: string | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next);
  }

  const columns: ColumnsType<ApplicationSummary> = [
    {
      key: 'no',
      title: t('app.field.no'),
      render: (_, a) => (
        <Link to={`/applications/${a.id}`} data-testid="application-link">
          {a.applicationNo}
        </Link>
      ),
    },
    ...(role === 'enterprise_user' ? [] : [{ key: 'enterprise', title: t('app.field.enterprise'), render: (_: unknown, a: ApplicationSummary) => a.enterprise.name }]),
    { key: 'district', title: t('app.field.district'), render: (_, a) => a.enterprise.district },
    { key: 'product', title: t('app.field.product'), render: (_, a) => a.product?.name ?? '—' },
    { key: 'amount', title: t('app.field.requestedAmount'), align: 'right', render: (_, a) => formatWan(a.requestedAmount, language) },
    { key: 'submitted', title: t('app.field.submittedOn'), render: (_, a) => a.submittedOn ?? '—' },
    {
      key: 'status',
      title: t('app.field.status'),
      render: (_, a) => (
        <Space size={4}>
          <StatusTag status={a.status} />
          {overdue(a) && (
            <Tag color="red" data-testid="application-overdue">
              {t('app.overdue')} · {t('fin.common.days', { n: a.overdueLine! })}
            </Tag>
          )}
        </Space>
      ),
    },
    ...(role === 'enterprise_user' || role === 'reviewer'
      ? []
      : [
          {
            key: 'recommendation',
            title: t('app.field.recommendation'),
            render: (_: unknown, a: ApplicationSummary) =>
              a.recommendation
                ? `${a.recommendation.bank?.name ?? '—'} · ${formatWan(a.recommendation.amount, language)} ${t('fin.common.wanUnit')} · ${a.recommendation.on}`
                : '—',
          },
        ]),
    ...(bank
      ? [
          {
            key: 'days',
            title: t('app.field.daysSinceRecommendation'),
            render: (_: unknown, a: ApplicationSummary) => (a.recommendation ? t('fin.common.days', { n: daysSince(a.recommendation.on) }) : '—'),
          },
        ]
      : []),
  ];

  const title: MessageKey = bank ? 'nav.finInbox' : role === 'reviewer' ? 'nav.finToReview' : role === 'enterprise_user' ? 'nav.finMyApplications' : 'nav.finApplications';
  return (
    <Card
      title={t(title)}
      data-testid="application-list"
      extra={
        role === 'enterprise_user' && (
          <Link to="/applications/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="application-new">
              {t('app.new')}
            </Button>
          </Link>
        )
      }
    >
      {officer && (
        <Tabs activeKey={view} onChange={(key) => set('view', key)} items={OFFICER_VIEWS.map((v) => ({ key: v.key, label: <span data-testid={`view-${v.key}`}>{t(v.label)}</span> }))} />
      )}
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear defaultValue={q} placeholder={t('app.filter.q')} onSearch={(value) => set('q', value || undefined)} style={{ width: 280 }} data-testid="application-search" />
        {bank && (
          <Checkbox checked={overdueOnly} onChange={(e) => set('overdue', e.target.checked ? 'true' : undefined)} data-testid="inbox-overdue">
            {t('app.filter.overdue')}
          </Checkbox>
        )}
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<ApplicationSummary>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        data-testid="application-table"
        rowClassName={(a) => (overdue(a) ? 'kcjr-overdue-row' : '')}
        onRow={(a) => (overdue(a) ? { style: { background: '#fff1f0' } } : {})}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, showSizeChanger: false, onChange: (p) => set('page', String(p)) }}
      />
    </Card>
  );
}
