import { Alert, Button, Empty, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { consentApi } from '../../api/financing';
import type { ConsentCluster, ConsentedData } from '../../api/financing-types';
import { labelOr, useI18n, type Translate } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatWan } from '../../components/format';
import { useApi } from '../../components/useApi';

const MONEY = new Set(['taxableRevenue', 'taxPaid', 'revenue', 'mainBusinessRevenue', 'highTechProductRevenue', 'rdExpense', 'totalCost', 'netProfit', 'totalAssets', 'totalLiabilities', 'principal']);

function cell(key: string, value: unknown, locale: string, t: Translate): string {
  if (value === null || value === undefined) return '—';
  if (key === 'source' && typeof value === 'string') return labelOr(t, `consented.source.${value}`, value);
  if (MONEY.has(key) && typeof value === 'number') return formatWan(value, locale);
  if (typeof value === 'boolean') return t(value ? 'fin.common.yes' : 'fin.common.no');
  if (typeof value === 'object') {
    const v = value as { name?: string; code?: string };
    return v.name ?? v.code ?? JSON.stringify(value);
  }
  return String(value);
}

/** One cluster, read through the consented-data API when its tab opens (each read is logged for the enterprise). */
function ClusterTable({ enterpriseId, cluster }: { enterpriseId: string; cluster: ConsentCluster }) {
  const { t, language } = useI18n();
  const { data, error, loading, reload } = useApi<ConsentedData>((signal) => consentApi.read(enterpriseId, cluster, signal), `${enterpriseId}:${cluster}`);
  const keys = data?.items[0] ? Object.keys(data.items[0]) : [];
  return (
    <div data-testid={`consented-${cluster}`}>
      <ErrorAlert error={error} onRetry={reload} />
      {data && (
        <Typography.Paragraph type="secondary">
          {t('consented.window', { from: data.from, asOf: data.asOf, expiresOn: data.expiresOn })}
        </Typography.Paragraph>
      )}
      <Table
        size="small"
        loading={loading}
        rowKey={(_, i) => String(i)}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 12, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={keys.map((key) => ({
          key,
          title: `${labelOr(t, `consented.col.${key}`, key)}${MONEY.has(key) ? `（${t('fin.common.wanUnit')}）` : ''}`,
          align: MONEY.has(key) || typeof data?.items[0]?.[key] === 'number' ? ('right' as const) : undefined,
          render: (_: unknown, row: Record<string, unknown>) => cell(key, row[key], language, t),
        }))}
      />
    </div>
  );
}

/** The bank's view of the enterprise's consented data: only the clusters it may read today. */
export function ConsentedDataPanel({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<ConsentCluster | null>(null);
  const { data, error, reload } = useApi((signal) => consentApi.overview(enterpriseId, signal), enterpriseId);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return null;
  if (data.clusters.length === 0) return <Empty description={t('consented.none')} data-testid="consented-none" />;
  return (
    <div data-testid="consented-data">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('consented.hint')} />
      {open === null ? (
        <Space wrap>
          {data.clusters.map((c) => (
            <Button key={c.cluster} onClick={() => setOpen(c.cluster)} data-testid={`consented-open-${c.cluster}`}>
              {t(`cluster.${c.cluster}`)}（{t('fin.common.months', { n: c.lookbackMonths })}）
            </Button>
          ))}
        </Space>
      ) : (
        <Tabs
          activeKey={open}
          onChange={(key) => setOpen(key as ConsentCluster)}
          destroyOnHidden
          items={data.clusters.map((c) => ({
            key: c.cluster,
            label: <span data-testid={`consented-tab-${c.cluster}`}>{t(`cluster.${c.cluster}`)}</span>,
            children: <ClusterTable enterpriseId={enterpriseId} cluster={c.cluster} />,
          }))}
        />
      )}
    </div>
  );
}
