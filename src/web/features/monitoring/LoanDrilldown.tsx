import { Drawer, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { monitoringApi, type DrilldownLoan, type LoanSlice } from '../../api/monitoring';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../components/useApi';
import { ClassTag } from '../loan/labels';
import { formatWan } from './format';

export interface LoanDrill {
  asOf: string;
  slice: LoanSlice;
  /** What was clicked, in words: "工商银行 · 贷款余额". */
  title: string;
}

const PAGE_SIZE = 20;

/** The loans behind a number (GET /monitoring/drilldown/loans): outstanding on the date, in the slice, with their standing. */
export function LoanDrilldown({ drill, onClose }: { drill: LoanDrill | null; onClose: () => void }) {
  return (
    <Drawer open={!!drill} onClose={onClose} width={960} destroyOnHidden title={<span data-testid="drilldown-title">{drill?.title}</span>}>
      {drill && (
        <div data-testid="drilldown">
          <DrillTable drill={drill} />
        </div>
      )}
    </Drawer>
  );
}

function DrillTable({ drill }: { drill: LoanDrill }) {
  const { t, language } = useI18n();
  const user = useUser();
  const staff = can(user, 'monitoring.overview');
  const [page, setPage] = useState(1);
  const key = JSON.stringify({ drill, page });
  const { data, error, loading, reload } = useApi((s) => monitoringApi.drilldownLoans(drill.asOf, drill.slice, page, PAGE_SIZE, s), key);
  return (
    <>
      <Typography.Paragraph type="secondary" data-testid="drilldown-summary">
        {t('mon.drill.summary', { asOf: drill.asOf, total: data?.total ?? '…' })}
        {staff && drill.slice.bank && (
          <Link to={`/monitoring/bank?bank=${encodeURIComponent(drill.slice.bank)}`} style={{ marginInlineStart: 12 }} data-testid="drilldown-bank-dashboard">
            {t('mon.drill.bankDashboard')}
          </Link>
        )}
      </Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<DrilldownLoan>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="drilldown-table"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          { key: 'loanNo', title: t('mon.drill.loanNo'), render: (_, r) => <Link to={`/loans/${r.id}`} data-testid="drilldown-loan">{r.loanNo}</Link> },
          {
            key: 'enterprise', title: t('mon.drill.enterprise'),
            render: (_, r) => (staff ? <Link to={`/monitoring/enterprise?enterpriseId=${r.enterpriseId}`}>{r.enterprise}</Link> : r.enterprise),
          },
          { key: 'bank', title: t('mon.drill.bank'), dataIndex: 'bank' },
          { key: 'product', title: t('mon.drill.product'), render: (_, r) => r.product ?? '—' },
          { key: 'startDate', title: t('mon.drill.startDate'), dataIndex: 'startDate' },
          { key: 'principal', title: t('mon.drill.principal'), align: 'right', render: (_, r) => formatWan(r.principal, language) },
          { key: 'outstanding', title: t('mon.drill.outstanding'), align: 'right', render: (_, r) => <span data-testid="drilldown-outstanding">{formatWan(r.outstanding, language)}</span> },
          { key: 'dpd', title: t('mon.drill.dpd'), dataIndex: 'dpd', align: 'right' },
          { key: 'class', title: t('mon.drill.class'), render: (_, r) => <ClassTag value={r.finalClass} /> },
        ]}
      />
    </>
  );
}
