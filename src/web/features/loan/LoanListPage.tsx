import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router-dom';
import { COLLATERAL_MODES, LOAN_CLASS_CODES } from '../../../shared/loan';
import { institutionApi } from '../../api/financing';
import { loanApi, type LoanQuery, type LoanSummary } from '../../api/loan';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatWan } from '../../components/format';
import { useApi } from '../../components/useApi';
import { ClassTag } from './labels';

/** 贷款台账: the caller's loans (a bank its own, an enterprise its own, office staff all) with their latest class. */
export function LoanListPage() {
  const { t, language } = useI18n();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const staff = user.role === 'admin' || user.role === 'officer' || user.role === 'auditor';
  const query: LoanQuery = {
    page: Number(params.get('page') ?? 1),
    pageSize: 20,
    q: params.get('q') ?? undefined,
    bank: params.get('bank') ?? undefined,
    product: params.get('product') ?? undefined,
    class: (params.get('class') as LoanQuery['class']) ?? undefined,
    collateralMode: (params.get('collateralMode') as LoanQuery['collateralMode']) ?? undefined,
    enterpriseId: params.get('enterpriseId') ?? undefined,
  };
  const { data, error, loading, reload } = useApi((signal) => loanApi.list(query, signal), params.toString());
  const banks = useApi((signal) => (staff ? institutionApi.list({ kind: 'bank' }, signal) : Promise.resolve({ items: [] })), staff ? 'banks' : 'none');

  function set(key: string, value: string | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next);
  }

  const columns: ColumnsType<LoanSummary> = [
    { key: 'no', title: t('loan.field.loanNo'), render: (_, l) => <Link to={`/loans/${l.id}`} data-testid="loan-link">{l.loanNo}</Link> },
    { key: 'enterprise', title: t('loan.field.enterprise'), render: (_, l) => l.enterprise.name },
    { key: 'bank', title: t('loan.field.bank'), render: (_, l) => l.bank.name },
    { key: 'product', title: t('loan.field.product'), render: (_, l) => l.product?.name ?? '—' },
    { key: 'collateral', title: t('loan.field.collateral'), render: (_, l) => t(`loan.collateral.${l.collateralMode}`) },
    { key: 'principal', title: t('loan.field.principal'), align: 'right', render: (_, l) => formatWan(l.principal, language) },
    { key: 'start', title: t('loan.field.start'), dataIndex: 'startDate' },
    { key: 'maturity', title: t('loan.field.maturity'), dataIndex: 'maturityDate' },
    { key: 'outstanding', title: t('loan.field.outstanding'), align: 'right', render: (_, l) => (l.status ? formatWan(l.status.outstanding, language) : '—') },
    { key: 'dpd', title: t('loan.field.dpd'), align: 'right', render: (_, l) => (l.status ? l.status.dpd : '—') },
    {
      key: 'class', title: t('loan.field.class'),
      render: (_, l) => (l.status ? <ClassTag value={l.status.finalClass} /> : <Tag>{t('loan.list.unclassified')}</Tag>),
    },
  ];

  return (
    <Card title={t('loan.list.title')} data-testid="loan-list-page">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('loan.list.search')} defaultValue={query.q} onSearch={(v) => set('q', v || undefined)} style={{ width: 280 }} data-testid="loan-search" />
        {staff && (
          <Select
            allowClear placeholder={t('loan.list.bankFilter')} value={query.bank} style={{ width: 180 }} onChange={(v) => set('bank', v)} data-testid="loan-filter-bank"
            options={(banks.data?.items ?? []).map((b) => ({ value: b.code, label: b.name }))}
          />
        )}
        <Select
          allowClear placeholder={t('loan.list.classFilter')} value={query.class} style={{ width: 140 }} onChange={(v) => set('class', v)} data-testid="loan-filter-class"
          options={LOAN_CLASS_CODES.map((c) => ({ value: c, label: t(`loan.class.${c}`) }))}
        />
        <Select
          allowClear placeholder={t('loan.list.collateralFilter')} value={query.collateralMode} style={{ width: 160 }} onChange={(v) => set('collateralMode', v)}
          options={COLLATERAL_MODES.map((c) => ({ value: c, label: t(`loan.collateral.${c}`) }))}
        />
        <Input.Search allowClear placeholder={t('loan.list.productFilter')} defaultValue={query.product} onSearch={(v) => set('product', v || undefined)} style={{ width: 160 }} />
        {can(user, 'loan.import') && <Link to="/loans/import"><Button>{t('nav.loanImport')}</Button></Link>}
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<LoanSummary>
        rowKey="id" size="middle" columns={columns} dataSource={data?.items ?? []} loading={loading} data-testid="loan-table"
        pagination={{ current: query.page, pageSize: 20, total: data?.total ?? 0, showSizeChanger: false, onChange: (p) => set('page', String(p)) }}
      />
    </Card>
  );
}
