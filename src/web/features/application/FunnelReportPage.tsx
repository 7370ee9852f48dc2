import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, InputNumber, Select, Space, Table, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { funnelApi, productApi } from '../../api/financing';
import type { FunnelReport, FunnelRow } from '../../api/financing-types';
import { useI18n, type Translate } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatWan } from '../../components/format';
import { useApi } from '../../components/useApi';
import { FunnelChart } from './FunnelChart';
import { todayShanghai } from './labels';

type By = 'district' | 'bank';

function rowName(row: FunnelRow, by: By, t: Translate): string {
  if (by === 'district') return row.district ?? '—';
  if (!row.bank) return t('funnel.notRecommended');
  return row.bankName ?? row.bank;
}

/** 审核进度统计表 (seed 003, appendix 四): per district or per bank, with a total row; CSV/XLSX and a chart. */
export function FunnelReportPage() {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? todayShanghai().slice(0, 4));
  const product = params.get('product') ?? undefined;
  const by: By = params.get('by') === 'bank' ? 'bank' : 'district';
  const { data, error, loading, reload } = useApi((signal) => funnelApi.get({ year, product, by }, signal), `${year}:${product}:${by}`);
  const catalog = useApi((signal) => productApi.list({ pageSize: 200 }, signal), 'catalog');

  function set(key: string, value: string | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  const wan = (v: number) => formatWan(v, language);
  const columns = [
    { key: 'name', title: t(by === 'district' ? 'funnel.col.district' : 'funnel.col.bank'), render: (_: unknown, r: FunnelRow) => rowName(r, by, t) },
    { key: 'applications', title: t('funnel.col.applications'), dataIndex: 'applications', align: 'right' as const },
    { key: 'recommendedCount', title: t('funnel.col.recommendedCount'), dataIndex: 'recommendedCount', align: 'right' as const },
    { key: 'recommendedAmount', title: t('funnel.col.recommendedAmount'), align: 'right' as const, render: (_: unknown, r: FunnelRow) => wan(r.recommendedAmount) },
    { key: 'deferredCount', title: t('funnel.col.deferredCount'), dataIndex: 'deferredCount', align: 'right' as const },
    { key: 'approvedCount', title: t('funnel.col.approvedCount'), dataIndex: 'approvedCount', align: 'right' as const },
    { key: 'approvedAmount', title: t('funnel.col.approvedAmount'), align: 'right' as const, render: (_: unknown, r: FunnelRow) => wan(r.approvedAmount) },
  ];

  const table = (report: FunnelReport) => (
    <Table<FunnelRow>
      rowKey={(r) => rowName(r, by, t)}
      size="small"
      bordered
      loading={loading}
      pagination={false}
      dataSource={report.rows}
      columns={columns}
      data-testid="funnel-table"
      summary={() => (
        <Table.Summary.Row data-testid="funnel-total" style={{ fontWeight: 600, background: '#fafafa' }}>
          <Table.Summary.Cell index={0}>{t('funnel.total')}</Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">{report.total.applications}</Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">{report.total.recommendedCount}</Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">{wan(report.total.recommendedAmount)}</Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right">{report.total.deferredCount}</Table.Summary.Cell>
          <Table.Summary.Cell index={5} align="right">{report.total.approvedCount}</Table.Summary.Cell>
          <Table.Summary.Cell index={6} align="right">{wan(report.total.approvedAmount)}</Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );

  const body = data ? (
    <>
      <Typography.Title level={5} style={{ textAlign: 'center' }} data-testid="funnel-title">
        {t(by === 'bank' ? 'funnel.headingBank' : 'funnel.heading', { year: data.year, product: product ? (catalog.data?.items.find((p) => p.code === product)?.name ?? product) : t('funnel.allProducts') })}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'right', marginBottom: 4 }}>
        {t('funnel.unit')}
      </Typography.Paragraph>
      {table(data)}
      <div style={{ marginTop: 24 }}>
        <FunnelChart report={data} rowLabel={(i) => rowName(data.rows[i]!, by, t)} />
      </div>
    </>
  ) : null;

  return (
    <Card
      title={t('nav.finFunnel')}
      data-testid="funnel-page"
      extra={
        <Space>
          {(['csv', 'xlsx'] as const).map((format) => (
            <Button key={format} icon={<DownloadOutlined />} href={funnelApi.fileUrl({ year, product, by, format })} data-testid={`funnel-download-${format}`}>
              {format.toUpperCase()}
            </Button>
          ))}
        </Space>
      }
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <span>{t('funnel.year')}</span>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && set('year', String(v))} data-testid="funnel-year" />
        <span>{t('app.field.product')}</span>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 260 }}
          value={product}
          placeholder={t('funnel.allProducts')}
          onChange={(v: string | undefined) => set('product', v)}
          options={(catalog.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))}
          data-testid="funnel-product"
        />
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Tabs
        activeKey={by}
        onChange={(key) => set('by', key === 'bank' ? 'bank' : undefined)}
        items={[
          { key: 'district', label: <span data-testid="funnel-by-district">{t('funnel.byDistrict')}</span>, children: by === 'district' ? body : null },
          { key: 'bank', label: <span data-testid="funnel-by-bank">{t('funnel.byBank')}</span>, children: by === 'bank' ? body : null },
        ]}
      />
    </Card>
  );
}
