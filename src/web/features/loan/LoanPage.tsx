import { Alert, Card, Descriptions, Space, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { loanApi, type LoanDetail } from '../../api/loan';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatWan } from '../../components/format';
import { useApi } from '../../components/useApi';
import { ClassTag, percent, yuan } from './labels';

const STATE_COLOR = { paid: 'green', partly_paid: 'gold', overdue: 'red', due: 'default' } as const;

/** One loan: its terms and current class, the schedule with what was paid against it, repayments, bank reports, class history. */
export function LoanPage() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const { data: loan, error, loading, reload } = useApi((signal) => loanApi.get(id, signal), id);
  if (!loan) return <Card loading={loading}><ErrorAlert error={error} onRetry={reload} /></Card>;
  const money = (v: number) => yuan(v, language);
  const s = loan.status;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large" data-testid="loan-page">
      <Card title={<span data-testid="loan-title">{`${loan.loanNo} · ${loan.enterprise.name}`}</span>} extra={s && <ClassTag value={s.finalClass} />}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small" bordered>
          <Descriptions.Item label={t('loan.field.bank')}>{loan.bank.name}</Descriptions.Item>
          <Descriptions.Item label={t('loan.field.product')}>{loan.product?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('loan.field.source')}>{t(`loan.source.${loan.source}`)}</Descriptions.Item>
          <Descriptions.Item label={t('loan.field.principal')}>{formatWan(loan.principal, language)}</Descriptions.Item>
          <Descriptions.Item label={t('loan.field.rate')}>{percent(loan.annualRate)}</Descriptions.Item>
          <Descriptions.Item label={t('loan.field.term')}>{loan.termMonths}</Descriptions.Item>
          <Descriptions.Item label={t('loan.field.start')}>{loan.startDate}</Descriptions.Item>
          <Descriptions.Item label={t('loan.field.maturity')}>{loan.maturityDate}</Descriptions.Item>
          <Descriptions.Item label={t('loan.field.method')}>{t(`loan.method.${loan.repaymentMethod}`)}</Descriptions.Item>
          <Descriptions.Item label={t('loan.field.collateral')}>{t(`loan.collateral.${loan.collateralMode}`)}</Descriptions.Item>
          {loan.guarantor && <Descriptions.Item label={t('loan.field.guarantor')}>{loan.guarantor.name}</Descriptions.Item>}
          {loan.insurer && <Descriptions.Item label={t('loan.field.insurer')}>{loan.insurer.name}</Descriptions.Item>}
          {loan.guaranteeFeeRate !== null && <Descriptions.Item label={t('loan.field.feeRate')}>{percent(loan.guaranteeFeeRate)}</Descriptions.Item>}
          <Descriptions.Item label={t('loan.field.firstLoan')}>{loan.firstTimeBorrower ? t('fin.common.yes') : t('fin.common.no')}</Descriptions.Item>
          <Descriptions.Item label={t('loan.field.linkage')}>{loan.linkageMode ? t(`loan.linkage.${loan.linkageMode}`) : '—'}</Descriptions.Item>
          {loan.applicationId && <Descriptions.Item label={t('loan.page.application')}><Link to={`/applications/${loan.applicationId}`}>{t('fin.common.open')}</Link></Descriptions.Item>}
        </Descriptions>
        {s && (
          <Descriptions column={{ xs: 1, md: 3 }} size="small" style={{ marginTop: 16 }} data-testid="loan-standing">
            <Descriptions.Item label={t('loan.field.asOf')}>{s.asOf}</Descriptions.Item>
            <Descriptions.Item label={t('loan.field.outstanding')}>{formatWan(s.outstanding, language)}</Descriptions.Item>
            <Descriptions.Item label={t('loan.field.dpd')}><span data-testid="loan-dpd">{s.dpd}</span></Descriptions.Item>
            <Descriptions.Item label={t('loan.field.computedClass')}><ClassTag value={s.computedClass} /></Descriptions.Item>
            <Descriptions.Item label={t('loan.field.reportedClass')}><ClassTag value={s.reportedClass} /></Descriptions.Item>
            <Descriptions.Item label={t('loan.field.finalClass')}><ClassTag value={s.finalClass} /></Descriptions.Item>
          </Descriptions>
        )}
      </Card>

      <Card title={t('loan.page.schedule')}>
        {!loan.repaymentsTracked && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('loan.page.scheduleUntracked')} />}
        <Table<LoanDetail['schedule'][number]>
          rowKey="seq" size="small" pagination={false} dataSource={loan.schedule} data-testid="loan-schedule"
          columns={[
            { key: 'seq', title: t('loan.field.seq'), dataIndex: 'seq' },
            { key: 'due', title: t('loan.field.dueOn'), dataIndex: 'dueOn' },
            { key: 'p', title: t('loan.field.principalYuan'), align: 'right', render: (_, r) => money(r.principal) },
            { key: 'i', title: t('loan.field.interestYuan'), align: 'right', render: (_, r) => money(r.interest) },
            ...(loan.repaymentsTracked
              ? [
                { key: 'paid', title: t('loan.field.paidYuan'), align: 'right' as const, render: (_: unknown, r: LoanDetail['schedule'][number]) => money(r.paid) },
                { key: 'state', title: t('loan.field.state'), render: (_: unknown, r: LoanDetail['schedule'][number]) => (r.state ? <Tag color={STATE_COLOR[r.state]}>{t(`loan.state.${r.state}`)}</Tag> : '—') },
              ]
              : []),
          ]}
        />
      </Card>

      <Card title={t('loan.page.repayments')}>
        <Table<LoanDetail['repayments'][number]>
          rowKey="id" size="small" pagination={false} dataSource={loan.repayments} data-testid="loan-repayments" locale={{ emptyText: t('loan.page.none') }}
          columns={[
            { key: 'on', title: t('loan.field.paidOn'), dataIndex: 'paidOn' },
            { key: 'id', title: t('loan.field.repaymentId'), dataIndex: 'repaymentId' },
            { key: 'p', title: t('loan.field.principalYuan'), align: 'right', render: (_, r) => money(r.principal) },
            { key: 'i', title: t('loan.field.interestYuan'), align: 'right', render: (_, r) => money(r.interest) },
          ]}
        />
        {loan.repaidByYear.length > 0 && (
          <Descriptions title={t('loan.page.repaidByYear')} size="small" column={1} style={{ marginTop: 16 }} data-testid="loan-repaid-by-year">
            {loan.repaidByYear.map((y) => (
              <Descriptions.Item key={y.year} label={String(y.year)}>{`${t('loan.field.principalYuan')} ${money(y.principal)} · ${t('loan.field.interestYuan')} ${money(y.interest)}`}</Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Card>

      <Card title={t('loan.page.reports')}>
        <Table<LoanDetail['reports'][number]>
          rowKey="asOf" size="small" pagination={false} dataSource={loan.reports} data-testid="loan-reports"
          columns={[
            { key: 'asOf', title: t('loan.field.asOf'), dataIndex: 'asOf' },
            { key: 'o', title: t('loan.field.outstandingYuan'), align: 'right', render: (_, r) => money(r.outstanding) },
            { key: 'dpd', title: t('loan.field.dpd'), align: 'right', dataIndex: 'dpd' },
            { key: 'class', title: t('loan.field.reportedClass'), render: (_, r) => <ClassTag value={r.reportedClass} /> },
            { key: 'src', title: t('loan.field.reportSource'), dataIndex: 'source' },
          ]}
        />
      </Card>

      <Card title={t('loan.page.history')}>
        <Table<LoanDetail['classHistory'][number]>
          rowKey="effectiveOn" size="small" pagination={false} dataSource={loan.classHistory} data-testid="loan-history"
          columns={[
            { key: 'on', title: t('loan.field.effectiveOn'), dataIndex: 'effectiveOn' },
            { key: 'dpd', title: t('loan.field.dpd'), align: 'right', dataIndex: 'dpd' },
            { key: 'o', title: t('loan.field.outstandingYuan'), align: 'right', render: (_, r) => money(r.outstanding) },
            { key: 'c', title: t('loan.field.computedClass'), render: (_, r) => <ClassTag value={r.computedClass} /> },
            { key: 'r', title: t('loan.field.reportedClass'), render: (_, r) => <ClassTag value={r.reportedClass} /> },
            { key: 'f', title: t('loan.field.finalClass'), render: (_, r) => <ClassTag value={r.finalClass} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
