import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { RISK_CLAIM_STATUSES, riskPoolApi, type RiskClaimSummary } from '../../api/risk-pool';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatWan } from '../../components/format';
import { useApi } from '../../components/useApi';
import { FileClaimModal } from './FileClaimModal';
import { RiskClaimStatusTag } from './labels';

/** A paged table of claims for a query (the server scopes: a bank sees its own). */
export function RiskClaimTable({ query, nonce = 0 }: { query: { poolId?: string; status?: string }; nonce?: number }) {
  const { t, language } = useI18n();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi((signal) => riskPoolApi.claims({ ...query, page, pageSize: 20 }, signal), `claims:${JSON.stringify(query)}:${page}:${nonce}`);
  const columns: ColumnsType<RiskClaimSummary> = [
    { key: 'no', title: t('riskClaim.field.claimNo'), dataIndex: 'claimNo', render: (v: string, c) => <Link to={`/risk-pool-claims/${c.id}`} data-testid="risk-claim-link">{v}</Link> },
    { key: 'status', title: t('riskClaim.field.status'), dataIndex: 'status', render: (v: RiskClaimSummary['status']) => <RiskClaimStatusTag status={v} /> },
    { key: 'pool', title: t('riskClaim.field.pool'), render: (_, c) => c.pool.name },
    { key: 'loan', title: t('riskClaim.field.loan'), dataIndex: 'loanNo' },
    { key: 'enterprise', title: t('riskClaim.field.enterprise'), dataIndex: 'enterpriseName' },
    { key: 'bank', title: t('riskClaim.field.bank'), render: (_, c) => c.bank.name },
    { key: 'defaultedOn', title: t('riskClaim.field.defaultedOn'), dataIndex: 'defaultedOn' },
    { key: 'loss', title: t('riskClaim.col.loss'), dataIndex: 'loss', align: 'right', render: (v: number) => formatWan(v, language) },
    { key: 'payable', title: t('riskClaim.col.payable'), dataIndex: 'payable', align: 'right', render: (v: number | null) => formatWan(v, language) },
    { key: 'paid', title: t('riskClaim.col.paid'), dataIndex: 'paid', align: 'right', render: (v: number) => formatWan(v, language) },
  ];
  return (
    <>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<RiskClaimSummary> rowKey="id" size="middle" loading={loading} columns={columns} dataSource={data?.items ?? []} data-testid="risk-claim-table" scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('riskClaim.empty') }} pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }} />
    </>
  );
}

/** 代偿申请: banks file and follow their own; officers review and approve; auditors read. */
export function RiskClaimListPage() {
  const { t } = useI18n();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const [filing, setFiling] = useState(false);
  return (
    <Card
      title={t('riskClaim.title')}
      data-testid="risk-claim-list-page"
      extra={
        <Space>
          <Select
            allowClear
            style={{ minWidth: 160 }}
            placeholder={t('riskClaim.field.status')}
            value={status}
            data-testid="risk-claim-status-filter"
            options={RISK_CLAIM_STATUSES.map((s) => ({ value: s, label: t(`riskClaim.status.${s}`) }))}
            onChange={(v?: string) => setParams(v ? { status: v } : {})}
          />
          {can(user, 'riskPool.file') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)} data-testid="risk-claim-file">{t('riskClaim.file')}</Button>}
        </Space>
      }
    >
      <RiskClaimTable query={status ? { status } : {}} />
      <FileClaimModal enrolment={null} open={filing} onClose={() => setFiling(false)} />
    </Card>
  );
}
