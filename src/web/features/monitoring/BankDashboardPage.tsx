import { Button, Card, Col, Descriptions, Empty, Row, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { monitoringApi, type LoanSlice } from '../../api/monitoring';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { useApi } from '../../components/useApi';
import { INDICATORS } from '../assessment/indicators';
import { TrendChart } from './charts';
import { formatCount, formatPct, formatWan, todayShanghai } from './format';
import { LoanDrilldown, type LoanDrill } from './LoanDrilldown';
import { SeverityTag } from './labels';

/**
 * 本机构看板 (issue #8): an institution's own portfolio (its row of the stored indicators) and trend, its open SLA
 * warning lines, its alerts and this year's assessment score. The server scopes everything to the caller's bank;
 * office staff open any bank's with ?bank=CODE (linked from the overview's loan lists).
 */
export function BankDashboardPage() {
  const user = useUser();
  const [params] = useSearchParams();
  const bank = can(user, 'monitoring.bank') ? undefined : params.get('bank') ?? undefined;
  if (!can(user, 'monitoring.bank') && !bank) return <StaffWithoutBank />;
  return <BankDashboard bank={bank} />;
}

function StaffWithoutBank() {
  const { t } = useI18n();
  return (
    <Card data-testid="bank-dashboard">
      <Empty description={t('mon.bank.pickFromOverview')}>
        <Link to="/monitoring/overview">{t('nav.monOverview')}</Link>
      </Empty>
    </Card>
  );
}

function BankDashboard({ bank }: { bank: string | undefined }) {
  const { t, language } = useI18n();
  const { data, error, reload } = useApi((s) => monitoringApi.bank(bank, s), `bank:${bank ?? ''}`);
  const [drill, setDrill] = useState<LoanDrill | null>(null);
  const open = (asOf: string, slice: LoanSlice, what: string) => setDrill({ asOf, slice, title: t('mon.drill.title', { what, asOf }) });
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <Card loading data-testid="bank-dashboard" />;
  const p = data.portfolio;
  const asOf = data.asOf;
  const slaTotal = data.slaWarnings.reduce((s, w) => s + w.unresolved, 0);
  const alertTotal = data.alerts.reduce((s, a) => s + a.n, 0);
  const cards = p && asOf
    ? [
        { key: 'outstanding', label: t('mon.ind.outstandingWan'), value: formatWan(p.outstanding, language), slice: {} as LoanSlice },
        { key: 'loans', label: t('mon.ind.loans'), value: formatCount(p.loans, language), slice: {} as LoanSlice },
        { key: 'borrowers', label: t('mon.ind.borrowers'), value: formatCount(p.borrowers, language), slice: {} as LoanSlice },
        { key: 'nplOutstanding', label: t('mon.ind.nplOutstandingWan'), value: formatWan(p.nplOutstanding, language), slice: { class: 'npl' } as LoanSlice },
        { key: 'nplRatio', label: t('mon.ind.nplRatio'), value: formatPct(p.nplRatio), slice: { class: 'npl' } as LoanSlice },
        { key: 'firstTimeBorrowers', label: t('mon.ind.firstTimeBorrowers'), value: formatCount(p.firstTimeBorrowers, language), slice: { firstTime: true } as LoanSlice },
        { key: 'creditLoanShare', label: t('mon.ind.creditLoanShare'), value: formatPct(p.creditLoanShare), slice: { collateral: 'credit' } as LoanSlice },
        { key: 'averageRate', label: t('mon.ind.averageRate'), value: formatPct(p.averageRate, 3) },
      ]
    : [];
  return (
    <div data-testid="bank-dashboard">
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={<span data-testid="bank-dashboard-bank">{data.bank.name}</span>}
        extra={asOf ? <Typography.Text type="secondary" data-testid="bank-dashboard-asof">{t('mon.bank.asOf', { asOf })}</Typography.Text> : null}
      >
        {cards.length === 0 ? (
          <Empty description={t('mon.bank.noPortfolio')} data-testid="bank-no-portfolio">
            <Button onClick={() => open(todayShanghai(), {}, t('mon.ind.loans'))} data-testid="bank-loans-today">
              {t('mon.bank.loansToday')}
            </Button>
          </Empty>
        ) : (
          <Row gutter={[12, 12]}>
            {cards.map((c) => (
              <Col key={c.key} xs={12} md={6}>
                <Card size="small" hoverable={!!c.slice} onClick={c.slice && asOf ? () => open(asOf, c.slice!, c.label) : undefined} data-testid={`bank-card-${c.key}`}>
                  <Statistic title={c.label} value={c.value} valueRender={() => <span data-testid={`bank-${c.key}`}>{c.value}</span>} />
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('mon.trend')}>
            {data.trend.length === 0 ? <Typography.Paragraph type="secondary">{t('mon.trend.empty')}</Typography.Paragraph> : <TrendChart points={data.trend} testId="bank-trend-chart" />}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('mon.bank.assessment')} extra={<Link to="/assessments/banks">{t('mon.viewAll')}</Link>} data-testid="bank-assessment">
            {data.assessment ? (
              <>
                <Statistic title={t('mon.bank.assessmentTotal', { year: data.assessment.year })} value={data.assessment.total} suffix="/ 110" />
                <Descriptions size="small" column={1}>
                  {INDICATORS.map((i) => (
                    <Descriptions.Item key={i.key} label={t(i.label)}>
                      {data.assessment!.indicators[i.key].score} / {i.max}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
                <Typography.Text type="secondary" data-testid="bank-assessment-computed-at">{t('mon.bank.assessmentComputedAt', { at: formatDateTime(data.assessment.computedAt, language) })}</Typography.Text>
              </>
            ) : (
              <Typography.Paragraph type="secondary">{t('mon.bank.noAssessment')}</Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('mon.sla.title')} extra={<Link to="/sla-warnings">{t('mon.viewAll')}</Link>} data-testid="bank-sla">
            <Statistic title={t('mon.sla.open')} value={slaTotal} />
            <Table
              size="small"
              pagination={false}
              rowKey="lineDays"
              dataSource={data.slaWarnings}
              columns={[
                { key: 'line', title: t('mon.sla.line'), render: (_, r) => t('mon.sla.days', { days: r.lineDays }) },
                { key: 'n', title: t('mon.sla.unresolved'), dataIndex: 'unresolved', align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('mon.alerts.title')} extra={<Link to="/monitoring/alerts">{t('mon.viewAll')}</Link>} data-testid="bank-alerts">
            <Statistic title={t('mon.alerts.unresolved')} value={alertTotal} valueRender={() => <span data-testid="bank-alerts-total">{alertTotal}</span>} />
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => `${r.rule}-${r.severity}`}
              dataSource={data.alerts}
              columns={[
                { key: 'rule', title: t('mon.alert.rule'), render: (_, r) => t(`mon.rule.${r.rule}`) },
                { key: 'severity', title: t('mon.alert.severity'), render: (_, r) => <SeverityTag value={r.severity} /> },
                { key: 'n', title: t('mon.alerts.count'), dataIndex: 'n', align: 'right' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <LoanDrilldown drill={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
