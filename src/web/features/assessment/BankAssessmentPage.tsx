import { Alert, Card, InputNumber, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useSearchParams } from 'react-router-dom';
import { assessmentApi, type BankAssessmentRow } from '../../api/assessment';
import { productApi } from '../../api/financing';
import { useUser } from '../../app/auth';
import { useI18n, type Translate } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatWan } from '../../components/format';
import { useApi } from '../../components/useApi';
import { todayShanghai } from '../application/labels';
import { AssessmentChart } from './AssessmentChart';
import { INDICATORS } from './indicators';

const percent = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);

/** What each indicator's "value" cell shows: the raw figure the score was computed from. */
function valueOf(key: (typeof INDICATORS)[number]['key'], b: BankAssessmentRow, t: Translate, language: string): string {
  const i = b.indicators;
  switch (key) {
    case 'creditTotal': return formatWan(i.creditTotal.value, language);
    case 'applicants': return String(i.applicants.value);
    case 'fulfilment': return `${percent(i.fulfilment.rate)} (${t('assess.fulfilmentValue', { approved: i.fulfilment.approved, recommended: i.fulfilment.recommended, coefficient: i.fulfilment.coefficient })})`;
    case 'growth': return i.growth.firstYear ? `${t('assess.firstYear')} · ${formatWan(i.creditTotal.value, language)}` : `${percent(i.growth.value)} (${t('assess.growthValue', { prev: i.growth.prevApproved, approved: i.growth.approved })})`;
    case 'activities': return String(i.activities.value);
    case 'microLoan': return t('assess.microValue', { value: i.microLoan.value, loans: i.microLoan.loans });
  }
}

/** Dense ranks by total, as the table ranks (equal totals share a place). */
function ranks(banks: BankAssessmentRow[]): Map<string, number> {
  const totals = [...new Set(banks.map((b) => b.total))].sort((a, b) => b - a);
  return new Map(banks.map((b) => [b.bank, totals.indexOf(b.total) + 1]));
}

/** 科技信贷合作银行考核 (seed 003 appendix 六): each bank's six indicators (value and score), the total, and a chart. */
export function BankAssessmentPage() {
  const { t, language } = useI18n();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? Number(todayShanghai().slice(0, 4)) - 1);
  const product = params.get('product') ?? undefined;
  const { data, error, loading, reload } = useApi((signal) => assessmentApi.banks({ year, product }, signal), `${year}:${product}`);
  const catalog = useApi((signal) => productApi.list({ pageSize: 200 }, signal), 'catalog');
  const bankView = user.role === 'institution_user';

  function set(key: string, value: string | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  const place = ranks(data?.banks ?? []);
  const columns: ColumnsType<BankAssessmentRow> = [
    ...(bankView ? [] : [{ key: 'rank', title: t('assess.col.rank'), width: 64, align: 'center' as const, render: (_: unknown, b: BankAssessmentRow) => place.get(b.bank) }]),
    { key: 'bank', title: t('assess.col.bank'), fixed: 'left' as const, render: (_, b) => <span data-testid={`assess-bank-${b.bank}`}>{b.bankName}</span> },
    ...INDICATORS.map((ind) => ({
      key: ind.key,
      title: `${t(ind.label)} (${t('assess.max')} ${ind.max})`,
      children: [
        { key: `${ind.key}-value`, title: ind.key === 'creditTotal' ? `${t('assess.col.value')} (${t('assess.unit.wan')})` : t('assess.col.value'), align: 'right' as const, render: (_: unknown, b: BankAssessmentRow) => valueOf(ind.key, b, t, language) },
        { key: `${ind.key}-score`, title: t('assess.col.score'), align: 'right' as const, render: (_: unknown, b: BankAssessmentRow) => <span data-testid={`assess-score-${b.bank}-${ind.key}`}>{b.indicators[ind.key].score}</span> },
      ],
    })),
    { key: 'total', title: `${t('assess.col.total')} (110)`, align: 'right' as const, fixed: 'right' as const, render: (_, b) => <strong data-testid={`assess-total-${b.bank}`}>{b.total}</strong> },
  ];

  return (
    <Card title={t('nav.assessBanks')} data-testid="assessment-page">
      <Space style={{ marginBottom: 12 }} wrap>
        <span>{t('assess.year')}</span>
        <InputNumber min={2000} max={2200} value={year} onChange={(v) => v && set('year', String(v))} data-testid="assess-year" />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 260 }}
          value={product}
          placeholder={t('assess.allProducts')}
          onChange={(v: string | undefined) => set('product', v)}
          options={(catalog.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))}
          data-testid="assess-product"
        />
        <Typography.Text type="secondary">{t('assess.productHint')}</Typography.Text>
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      {bankView && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('assess.ownOnly')} />}
      {data && (
        <>
          <Typography.Title level={5} style={{ textAlign: 'center' }} data-testid="assess-title">
            {t('assess.heading', { year: data.year })}
          </Typography.Title>
          <Table<BankAssessmentRow>
            rowKey="bank"
            size="small"
            bordered
            loading={loading}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={data.banks}
            columns={columns}
            locale={{ emptyText: t('assess.empty') }}
            data-testid="assessment-table"
          />
          {data.banks.length > 0 && (
            <div style={{ marginTop: 24 }}>
              <Typography.Text strong>{t('assess.chart')}</Typography.Text>
              <AssessmentChart banks={data.banks} />
            </div>
          )}
        </>
      )}
    </Card>
  );
}
