import { Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { claimApi, subsidyApi } from '../../api/subsidy';
import type { ClaimDetail, NoticeItem } from '../../api/subsidy-types';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatWan } from '../../components/format';
import { useApi } from '../../components/useApi';

type Row = NoticeItem & { objections?: ClaimDetail['objections'] };

// The notice list carries no objections; office staff and auditors read them from each claim (a short list:
// only claims in their five working days). See the API note in the handover: the list should carry counts.
async function loadNotices(withObjections: boolean, signal: AbortSignal): Promise<Row[]> {
  const { items } = await subsidyApi.notices(signal);
  if (!withObjections) return items;
  return Promise.all(
    items.map(async (n) => ({ ...n, objections: (await claimApi.get(n.id, signal)).objections })),
  );
}

/** 公示: every claim in its public notice window, with the amount, the window and objections raised. */
export function NoticesPage() {
  const { t, language } = useI18n();
  const user = useUser();
  const staffView = can(user, 'subsidy.budgets');
  const { data, error, loading, reload } = useApi((signal) => loadNotices(staffView, signal), `notices:${staffView}`);

  const columns: ColumnsType<Row> = [
    {
      key: 'number',
      title: t('claim.field.number'),
      dataIndex: 'number',
      render: (v: string, n) => (staffView ? <Link to={`/subsidy/claims/${n.id}`} data-testid="notice-link">{v}</Link> : v),
    },
    { key: 'measure', title: t('claim.field.measure'), dataIndex: 'measure', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { key: 'name', title: t('claim.field.beneficiary'), render: (_, n) => n.beneficiary.name },
    { key: 'uscc', title: t('claim.field.uscc'), render: (_, n) => <Typography.Text code>{n.beneficiary.uscc}</Typography.Text> },
    { key: 'amount', title: t('claim.field.amountWan'), dataIndex: 'amount', align: 'right', render: (v: number) => formatWan(v, language) },
    { key: 'eventDate', title: t('claim.field.eventDate'), dataIndex: 'eventDate' },
    { key: 'from', title: t('notice.from'), render: (_, n) => n.notice.from },
    { key: 'to', title: t('notice.to'), render: (_, n) => <strong data-testid="notice-to">{n.notice.to}</strong> },
    ...(staffView
      ? [
          {
            key: 'objections',
            title: t('claim.objections'),
            render: (_: unknown, n: Row) => {
              const list = n.objections ?? [];
              const open = list.filter((o) => !o.resolvedAt).length;
              if (list.length === 0) return <Tag data-testid="notice-objections">{t('notice.noObjections')}</Tag>;
              return (
                <Tag color={open ? 'orange' : 'default'} data-testid="notice-objections">
                  {t('notice.objections', { total: list.length, open })}
                </Tag>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <Card title={t('notice.title')} data-testid="notices-page">
      <Typography.Paragraph type="secondary">{t('notice.intro')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Row>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data ?? []}
        data-testid="notice-table"
        scroll={{ x: 'max-content' }}
        expandable={
          staffView
            ? {
                rowExpandable: (n) => (n.objections ?? []).length > 0,
                expandedRowRender: (n) =>
                  (n.objections ?? []).map((o) => (
                    <div key={o.id}>
                      <strong>{o.raisedBy}</strong>：{o.content}
                      {o.resolvedAt && ` — ${o.resolution}`}
                    </div>
                  )),
              }
            : undefined
        }
      />
    </Card>
  );
}
