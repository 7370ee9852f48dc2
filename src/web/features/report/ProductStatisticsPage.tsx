import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, InputNumber, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useSearchParams } from 'react-router-dom';
import { productStatisticsApi, type ProductFigures, type ProductStatistics } from '../../api/assessment';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatWan } from '../../components/format';
import { useApi } from '../../components/useApi';
import { todayShanghai } from '../application/labels';

type Row = ProductStatistics['rows'][number];
const yoyText = (r: number | null) => (r === null ? '—' : `${r > 0 ? '+' : ''}${(Math.round(r * 1000) / 10).toFixed(1)}%`);

/** 科技信贷产品统计表 (seed 003 表4): per product, this year and last, yoy, cumulative; total row; CSV/XLSX. */
export function ProductStatisticsPage() {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? todayShanghai().slice(0, 4));
  const { data, error, loading, reload } = useApi((signal) => productStatisticsApi.get({ year }, signal), String(year));
  const wan = (v: number) => formatWan(v, language);

  const pair = (prefix: 'amount' | 'prev' | 'cumulative'): ColumnsType<Row> => {
    const amount = prefix === 'amount' ? 'amount' : prefix === 'prev' ? 'prevAmount' : 'cumulativeAmount';
    const enterprises = prefix === 'amount' ? 'enterprises' : prefix === 'prev' ? 'prevEnterprises' : 'cumulativeEnterprises';
    return [
      { key: amount, title: t('products.col.amount'), align: 'right', render: (_, r) => wan(r[amount]) },
      { key: enterprises, title: t('products.col.enterprises'), align: 'right', dataIndex: enterprises },
    ];
  };
  const columns: ColumnsType<Row> = [
    { key: 'product', title: t('products.col.product'), render: (_, r) => (r.product ? `${r.productName ?? r.product}` : t('products.other')) },
    { key: 'year', title: t('products.col.year', { year }), children: pair('amount') },
    { key: 'prev', title: t('products.col.year', { year: year - 1 }), children: pair('prev') },
    { key: 'yoy', title: t('products.col.yoy'), align: 'right', render: (_, r) => yoyText(r.yoy) },
    { key: 'cumulative', title: t('products.col.cumulative'), children: pair('cumulative') },
  ];
  const cells = (f: ProductFigures) =>
    [wan(f.amount), f.enterprises, wan(f.prevAmount), f.prevEnterprises, yoyText(f.yoy), wan(f.cumulativeAmount), f.cumulativeEnterprises];

  return (
    <Card
      title={t('nav.reportProducts')}
      data-testid="product-statistics-page"
      extra={
        <Space>
          {(['csv', 'xlsx'] as const).map((format) => (
            <Button key={format} icon={<DownloadOutlined />} href={productStatisticsApi.fileUrl({ year, format })} data-testid={`products-download-${format}`}>
              {format.toUpperCase()}
            </Button>
          ))}
        </Space>
      }
    >
      <Space style={{ marginBottom: 12 }}>
        <span>{t('products.year')}</span>
        <InputNumber min={2000} max={2200} value={year} onChange={(v) => v && setParams({ year: String(v) }, { replace: true })} data-testid="products-year" />
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      {data && (
        <>
          <Typography.Title level={5} style={{ textAlign: 'center' }}>{t('products.heading', { year: data.year })}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'right', marginBottom: 4 }}>{t('products.unit')}</Typography.Paragraph>
          <Table<Row>
            rowKey={(r) => r.product ?? '(other)'}
            size="small"
            bordered
            loading={loading}
            pagination={false}
            dataSource={data.rows}
            columns={columns}
            data-testid="products-table"
            summary={() => (
              <Table.Summary.Row data-testid="products-total" style={{ fontWeight: 600, background: '#fafafa' }}>
                <Table.Summary.Cell index={0}>{t('products.total')}</Table.Summary.Cell>
                {cells(data.total).map((c, i) => (
                  <Table.Summary.Cell key={i} index={i + 1} align="right">{c}</Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            )}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('products.note')}</Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
