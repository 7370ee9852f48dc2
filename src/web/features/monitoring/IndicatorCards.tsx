import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { Indicators, LoanSlice } from '../../api/monitoring';
import { useI18n, type MessageKey } from '../../app/i18n';
import { formatCount, formatGrowth, formatPct, formatWan } from './format';

interface CardSpec {
  key: string;
  label: MessageKey;
  value: string;
  sub?: string;
  /** The loans behind the number, when it is a loan figure. */
  drill?: LoanSlice;
}

/** The headline indicators as of the date; a loan figure opens the loans behind it. */
export function IndicatorCards({ ind, onDrill }: { ind: Indicators; onDrill: (slice: LoanSlice, label: string) => void }) {
  const { t, language } = useI18n();
  const wan = (v: number) => formatWan(v, language);
  const count = (v: number) => formatCount(v, language);
  const cards: CardSpec[] = [
    { key: 'borrowers', label: 'mon.ind.borrowers', value: count(ind.borrowers), drill: {} },
    { key: 'loans', label: 'mon.ind.loans', value: count(ind.loans), drill: {} },
    { key: 'outstanding', label: 'mon.ind.outstandingWan', value: wan(ind.outstanding), drill: {} },
    { key: 'nplOutstanding', label: 'mon.ind.nplOutstandingWan', value: wan(ind.nplOutstanding), sub: t('mon.ind.nplRatioIs', { ratio: formatPct(ind.nplRatio) }), drill: { class: 'npl' } },
    { key: 'nplRatio', label: 'mon.ind.nplRatio', value: formatPct(ind.nplRatio), drill: { class: 'npl' } },
    { key: 'firstTimeBorrowers', label: 'mon.ind.firstTimeBorrowers', value: count(ind.firstTimeBorrowers), sub: t('mon.ind.shareIs', { share: formatPct(ind.firstTimeBorrowerShare) }), drill: { firstTime: true } },
    { key: 'creditLoanShare', label: 'mon.ind.creditLoanShare', value: formatPct(ind.creditLoanShare), sub: t('mon.ind.balanceIs', { wan: wan(ind.creditLoanOutstanding) }), drill: { collateral: 'credit' } },
    { key: 'ipPledgeOutstanding', label: 'mon.ind.ipPledgeWan', value: wan(ind.ipPledgeOutstanding), sub: t('mon.ind.shareIs', { share: formatPct(ind.ipPledgeShare) }), drill: { collateral: 'ip_pledge' } },
    { key: 'investmentLinkedOutstanding', label: 'mon.ind.linkedWan', value: wan(ind.investmentLinkedOutstanding), drill: { linked: true } },
    { key: 'averageRate', label: 'mon.ind.averageRate', value: formatPct(ind.averageRate, 3) },
    {
      key: 'newLoansMonth', label: 'mon.ind.newLoansMonth', value: count(ind.newLoans.month.count),
      sub: t('mon.ind.amountIs', { wan: wan(ind.newLoans.month.amount) }),
    },
    {
      key: 'newLoansYtd', label: 'mon.ind.newLoansYtd', value: count(ind.newLoans.yearToDate.count),
      sub: t('mon.ind.amountIs', { wan: wan(ind.newLoans.yearToDate.amount) }),
    },
    {
      key: 'yoyOutstanding', label: 'mon.ind.yoyOutstanding', value: formatGrowth(ind.yoy.outstanding),
      sub: t('mon.ind.yoySub', { asOf: ind.yoy.asOf, loans: formatGrowth(ind.yoy.loans), borrowers: formatGrowth(ind.yoy.borrowers) }),
    },
    {
      key: 'decisionDays', label: 'mon.ind.decisionDays',
      value: ind.recommendationToDecision.averageDays === null ? '—' : ind.recommendationToDecision.averageDays.toFixed(1),
      sub: t('mon.ind.decidedIs', { n: ind.recommendationToDecision.decided }),
    },
  ];
  return (
    <Row gutter={[12, 12]} data-testid="indicator-cards" data-asof={ind.asOf}>
      {cards.map((c) => (
        <Col key={c.key} xs={12} md={8} xl={6} xxl={4}>
          <Card
            size="small"
            hoverable={!!c.drill}
            onClick={c.drill ? () => onDrill(c.drill!, t(c.label)) : undefined}
            data-testid={`ind-card-${c.key}`}
            style={{ height: '100%' }}
          >
            <Statistic title={t(c.label)} value={c.value} valueRender={() => <span data-testid={`ind-${c.key}`}>{c.value}</span>} />
            {c.sub && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.sub}
              </Typography.Text>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
