import { Card, Col, Row, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { LOAN_CLASSES, type Indicators, type LoanSlice, type PortfolioFigures } from '../../api/monitoring';
import { labelOr, useI18n, type MessageKey, type Translate } from '../../app/i18n';
import { toWan } from '../../components/format';
import { SliceBarChart } from './charts';

const METRICS = ['outstanding', 'loans', 'borrowers', 'nplOutstanding'] as const;
type Metric = (typeof METRICS)[number];
const TOP = 15;

interface Row {
  label: string;
  figures: PortfolioFigures;
  /** null: the API has no filter for this key (e.g. no sector recorded), so the bar is not a link. */
  slice: LoanSlice | null;
}

type Dimension = { key: 'bank' | 'product' | 'street' | 'sector' | 'district' | 'stage'; title: MessageKey; rows: (ind: Indicators, t: Translate) => Row[] };

const none = (t: Translate) => t('mon.slice.none');

const DIMENSIONS: Dimension[] = [
  { key: 'bank', title: 'mon.by.bank', rows: (ind) => ind.byBank.map((r) => ({ label: r.bankName ?? r.bank ?? '—', figures: r, slice: r.bank ? { bank: r.bank } : null })) },
  { key: 'product', title: 'mon.by.product', rows: (ind, t) => ind.byProduct.map((r) => ({ label: r.productName ?? r.product ?? t('mon.slice.noProduct'), figures: r, slice: { product: r.product ?? '' } })) },
  { key: 'street', title: 'mon.by.street', rows: (ind, t) => ind.byStreet.map((r) => ({ label: r.street || none(t), figures: r, slice: { street: r.street ?? '' } })) },
  { key: 'sector', title: 'mon.by.sector', rows: (ind, t) => ind.bySector.map((r) => ({ label: r.sector ? labelOr(t, `sector.${r.sector}`, r.sector) : none(t), figures: r, slice: r.sector ? { sector: r.sector } : null })) },
  { key: 'district', title: 'mon.by.district', rows: (ind, t) => ind.byDistrict.map((r) => ({ label: r.district ?? none(t), figures: r, slice: r.district ? { district: r.district } : null })) },
  {
    key: 'stage', title: 'mon.by.stage',
    rows: (ind, t) => ind.byLifecycleStage.map((r) => ({ label: r.stage ? labelOr(t, `evaluation.stage.${r.stage}`, r.stage) : t('mon.slice.noStage'), figures: r, slice: { stage: r.stage ?? '' } })),
  },
];

const metricValue = (f: PortfolioFigures, m: Metric) => (m === 'outstanding' || m === 'nplOutstanding' ? toWan(f[m]) ?? 0 : f[m]);

/** Breakdowns by bank, product, street, sector, district and lifecycle stage, plus the five classes; a bar opens its loans. */
export function Breakdowns({ ind, onDrill }: { ind: Indicators; onDrill: (slice: LoanSlice, label: string) => void }) {
  const { t } = useI18n();
  const [metric, setMetric] = useState<Metric>('outstanding');
  const unit = metric === 'outstanding' || metric === 'nplOutstanding' ? t('mon.unit.wan') : t(`mon.unit.${metric}`);
  const metricLabel = t(`mon.metric.${metric}`);
  const classBars = LOAN_CLASSES.map((c) => ({ label: t(`loan.class.${c}`), value: toWan(ind.byClassification[c]) ?? 0 }));
  return (
    <Card
      size="small"
      title={t('mon.breakdowns')}
      extra={<Segmented<Metric> value={metric} onChange={setMetric} data-testid="breakdown-metric" options={METRICS.map((m) => ({ value: m, label: t(`mon.metric.${m}`) }))} />}
      data-testid="breakdowns"
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Typography.Text strong>{t('mon.by.class')}</Typography.Text>
          <SliceBarChart
            testId="chart-class"
            bars={classBars}
            unit={t('mon.unit.wan')}
            color="#d4380d"
            onSelect={(i) => onDrill({ class: LOAN_CLASSES[i]! }, `${t(`loan.class.${LOAN_CLASSES[i]!}`)} · ${t('mon.metric.outstanding')}`)}
          />
        </Col>
        {DIMENSIONS.map((d) => {
          const all = d.rows(ind, t);
          const rows = [...all].sort((a, b) => metricValue(b.figures, metric) - metricValue(a.figures, metric)).slice(0, TOP);
          return (
            <Col key={d.key} xs={24} xl={12}>
              <Typography.Text strong>{t(d.title)}</Typography.Text>
              {all.length > TOP && <Typography.Text type="secondary"> {t('mon.topN', { n: TOP, total: all.length })}</Typography.Text>}
              {rows.length === 0 ? (
                <Typography.Paragraph type="secondary">{t('mon.noLoans')}</Typography.Paragraph>
              ) : (
                <SliceBarChart
                  testId={`chart-${d.key}`}
                  bars={rows.map((r) => ({ label: r.label, value: metricValue(r.figures, metric) }))}
                  unit={unit}
                  onSelect={(i) => {
                    const row = rows[i];
                    if (!row?.slice) return;
                    onDrill({ ...row.slice, ...(metric === 'nplOutstanding' ? { class: 'npl' as const } : {}) }, `${row.label} · ${metricLabel}`);
                  }}
                />
              )}
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}
