import { Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { subsidyApi } from '../../api/subsidy';
import type { NoticeItem } from '../../api/subsidy-types';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatWan } from '../../components/format';
import { useApi } from '../../components/useApi';

/**
 * 公示: every claim in its public notice window, with the amount, the window and how many objections were
 * raised (the list carries the counts; office staff open the claim to read and resolve them).
 */
export function NoticesPage() {
  const { t, language } = useI18n();
  const user = useUser();
  const staffView = can(user, 'subsidy.budgets');
  const { data, error, loading, reload } = useApi(async (signal) => (await subsidyApi.notices(signal)).items, 'notices');

  const columns: ColumnsType<NoticeItem> = [
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
    {
      key: 'objections',
      title: t('claim.objections'),
      render: (_, n) =>
        n.objections.total === 0 ? (
          <Tag data-testid="notice-objections">{t('notice.noObjections')}</Tag>
        ) : (
          <Tag color={n.objections.unresolved ? 'orange' : 'default'} data-testid="notice-objections">
            {t('notice.objections', { total: n.objections.total, open: n.objections.unresolved })}
          </Tag>
        ),
    },
  ];

  return (
    <Card title={t('notice.title')} data-testid="notices-page">
      <Typography.Paragraph type="secondary">{t('notice.intro')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<NoticeItem>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data ?? []}
        data-testid="notice-table"
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
