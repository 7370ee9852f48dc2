import { Card, Col, Input, Row, Space, Table } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { listingApi, type Dashboard } from '../../api/listing';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../components/useApi';
import { BarChart } from './BarChart';
import { lbl } from './labels';

/** The pool by tier, board, sector and officer, and officers' workload — the counts of the 2025 reply (seed 001 二(一)). */
export function DashboardPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  const { data, error, reload } = useApi((s) => listingApi.dashboard(q, s), JSON.stringify(q));
  const dim = (title: string, rows: { key: string | null; enterprises: number; displayName?: string | null }[], label: (k: string | null, r: { displayName?: string | null }) => string, testId: string) => (
    <Card size="small" title={title}>
      <BarChart categories={rows.map((r) => label(r.key, r))} series={[{ name: t('lst.col.count'), data: rows.map((r) => r.enterprises) }]} height={200} testId={testId} />
    </Card>
  );
  const w = data?.workload;
  return (
    <Card title={t('nav.listingDashboard')} data-testid="pool-dashboard">
      <Space style={{ marginBottom: 12 }}>
        {(['from', 'to'] as const).map((k) => (
          <Input key={k} type="date" value={data?.[k] ?? ''} data-testid={`dash-${k}`}
            onChange={(e) => { const next = new URLSearchParams(params); if (e.target.value) next.set(k, e.target.value); else next.delete(k); setParams(next, { replace: true }); }} />
        ))}
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      {data ? (
        <>
          <Row gutter={[12, 12]}>
            <Col span={12}>{dim(t('lst.dash.byTier'), data.byTier, (k) => lbl(t, 'lst.tier', k), 'dash-tier')}</Col>
            <Col span={12}>{dim(t('lst.dash.byBoard'), data.byBoard, (k) => lbl(t, 'lst.board', k), 'dash-board')}</Col>
            <Col span={12}>{dim(t('lst.dash.bySector'), data.bySector, (k) => k ?? '—', 'dash-sector')}</Col>
            <Col span={12}>{dim(t('lst.dash.byOfficer'), data.byOfficer, (k, r) => (k ? r.displayName ?? k : t('lst.unassigned')), 'dash-officer')}</Col>
          </Row>
          <Card size="small" style={{ marginTop: 12 }} title={t('lst.dash.workload', { from: data.from, to: data.to })}>
            <Table<Dashboard['workload']['officers'][number]> size="small" rowKey={(r) => r.officer.id} pagination={false} dataSource={w?.officers ?? []} data-testid="workload-table"
              columns={[
                { key: 'o', title: t('lst.col.officer'), render: (_, r) => r.officer.displayName },
                { key: 'c', title: t('lst.col.contacted'), dataIndex: 'contacted', align: 'right' },
                { key: 'v', title: t('lst.col.visited'), dataIndex: 'visited', align: 'right' },
                { key: 's', title: t('lst.col.served'), dataIndex: 'served', align: 'right' },
                { key: 'l', title: t('lst.col.logs'), dataIndex: 'logs', align: 'right' },
                { key: 'f', title: t('lst.col.followUpsOpen'), dataIndex: 'followUpsOpen', align: 'right' },
              ]}
              summary={() => (
                <Table.Summary.Row data-testid="workload-total" style={{ fontWeight: 600 }}>
                  <Table.Summary.Cell index={0}>{t('lst.dash.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{w?.total.contacted}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">{w?.total.visited}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{w?.total.served}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">{w?.total.logs}</Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">{w?.total.followUpsOpen}</Table.Summary.Cell>
                </Table.Summary.Row>
              )} />
          </Card>
        </>
      ) : null}
    </Card>
  );
}
