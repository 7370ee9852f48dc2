import { Card, Descriptions, Progress, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { monitoringApi, type Indicators } from '../../api/monitoring';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../components/useApi';
import { StageFunnel, TrendChart, type FunnelStage } from './charts';
import { formatPct, formatWan } from './format';
import { SeverityTag } from './labels';

/** The reported month-end series (version 1 of each snapshot): what was reported, not later restatements. */
export function TrendCard({ reloadKey }: { reloadKey: number }) {
  const { t } = useI18n();
  const { data, error, reload } = useApi((s) => monitoringApi.panel('trend', s), `trend:${reloadKey}`);
  return (
    <Card size="small" title={t('mon.trend')} data-testid="trend-card">
      <ErrorAlert error={error} onRetry={reload} />
      {data && data.points.length === 0 && <Typography.Paragraph type="secondary" data-testid="trend-empty">{t('mon.trend.empty')}</Typography.Paragraph>}
      {data && data.points.length > 0 && <TrendChart points={data.points} testId="trend-chart" />}
    </Card>
  );
}

/** 申请 → 推荐 → 授信 for the year of the date; a stage opens its applications. */
export function FunnelCard({ funnel, onSelect }: { funnel: Indicators['funnel']; onSelect?: (stage: FunnelStage) => void }) {
  const { t, language } = useI18n();
  return (
    <Card size="small" title={t('mon.funnel.title', { year: funnel.year })} data-testid="funnel-card">
      <StageFunnel totals={funnel} onSelect={onSelect} testId="mon-funnel-chart" />
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('mon.funnel.recommendedAmount')}>{formatWan(funnel.recommendedAmount, language)}</Descriptions.Item>
        <Descriptions.Item label={t('mon.funnel.approvedAmount')}>{formatWan(funnel.approvedAmount, language)}</Descriptions.Item>
        <Descriptions.Item label={t('mon.funnel.deferred')}>
          {onSelect ? (
            <Typography.Link data-testid="funnel-deferred" onClick={() => onSelect('deferred')}>{funnel.deferredCount}</Typography.Link>
          ) : (
            funnel.deferredCount
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** Open SLA warning lines per bank (recommendations without a bank decision). */
export function SlaCard() {
  const { t } = useI18n();
  const { data, error, reload } = useApi((s) => monitoringApi.panel('sla', s), 'sla');
  const total = data?.items.reduce((s, i) => s + i.unresolved, 0) ?? 0;
  return (
    <Card size="small" title={t('mon.sla.title')} extra={<Link to="/sla-warnings">{t('mon.viewAll')}</Link>} data-testid="sla-card">
      <ErrorAlert error={error} onRetry={reload} />
      <Statistic title={t('mon.sla.open')} value={total} />
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => `${r.bank}-${r.lineDays}`}
        dataSource={data?.items ?? []}
        data-testid="sla-table"
        columns={[
          { key: 'bank', title: t('mon.drill.bank'), render: (_, r) => r.bankName },
          { key: 'line', title: t('mon.sla.line'), render: (_, r) => t('mon.sla.days', { days: r.lineDays }) },
          { key: 'n', title: t('mon.sla.unresolved'), dataIndex: 'unresolved', align: 'right' },
        ]}
      />
    </Card>
  );
}

/** Unresolved alerts by rule and severity, and the caller's unread count. */
export function AlertsSummaryCard({ reloadKey }: { reloadKey: number }) {
  const { t } = useI18n();
  const { data, error, reload } = useApi((s) => monitoringApi.panel('alerts', s), `alerts:${reloadKey}`);
  return (
    <Card size="small" title={t('mon.alerts.title')} extra={<Link to="/monitoring/alerts">{t('mon.viewAll')}</Link>} data-testid="alerts-summary">
      <ErrorAlert error={error} onRetry={reload} />
      {data && (
        <>
          <Space size="large">
            <Statistic title={t('mon.alerts.unresolved')} value={data.inbox.unresolved} valueRender={() => <span data-testid="alerts-summary-unresolved">{data.inbox.unresolved}</span>} />
            <Statistic title={t('mon.alerts.critical')} value={data.inbox.critical} valueStyle={{ color: data.inbox.critical ? '#cf1322' : undefined }} />
            <Statistic title={t('mon.alerts.unread')} value={data.inbox.unread} />
          </Space>
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => `${r.rule}-${r.severity}`}
            dataSource={data.byRule}
            columns={[
              { key: 'rule', title: t('mon.alert.rule'), render: (_, r) => <Link to={`/monitoring/alerts?rule=${r.rule}&status=unresolved`}>{t(`mon.rule.${r.rule}`)}</Link> },
              { key: 'severity', title: t('mon.alert.severity'), render: (_, r) => <SeverityTag value={r.severity} /> },
              { key: 'n', title: t('mon.alerts.count'), dataIndex: 'n', align: 'right' },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** Subsidies determined and paid per measure as of the date, against the year's allocation. */
export function SubsidiesCard({ items }: { items: Indicators['subsidies'] }) {
  const { t, language } = useI18n();
  return (
    <Card size="small" title={t('mon.subsidies.title')} extra={<Link to="/subsidy/budgets">{t('mon.viewAll')}</Link>} data-testid="subsidies-card">
      <Table
        size="small"
        pagination={false}
        rowKey="measure"
        dataSource={items}
        locale={{ emptyText: t('mon.subsidies.empty') }}
        columns={[
          { key: 'measure', title: t('mon.subsidies.measure'), render: (_, r) => <Typography.Text code>{r.measure}</Typography.Text> },
          { key: 'allocated', title: t('mon.subsidies.allocated'), align: 'right', render: (_, r) => formatWan(r.allocated, language) },
          { key: 'determined', title: t('mon.subsidies.determined'), align: 'right', render: (_, r) => formatWan(r.determinedAmount, language) },
          { key: 'paid', title: t('mon.subsidies.paid'), align: 'right', render: (_, r) => formatWan(r.paidAmount, language) },
          {
            key: 'use', title: t('mon.subsidies.use'), width: 160,
            render: (_, r) => (r.budgetUse === null ? '—' : <Progress percent={Math.round(r.budgetUse * 1000) / 10} size="small" status={r.budgetUse > 1 ? 'exception' : 'normal'} />),
          },
        ]}
      />
    </Card>
  );
}

/** Each risk compensation pool today: balance, net loss and loss rate against its tolerance. */
export function PoolsCard() {
  const { t, language } = useI18n();
  const { data, error, reload } = useApi((s) => monitoringApi.panel('pools', s), 'pools');
  return (
    <Card size="small" title={t('mon.pools.title')} extra={<Link to="/risk-pools">{t('mon.viewAll')}</Link>} data-testid="pools-card">
      <ErrorAlert error={error} onRetry={reload} />
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={data?.items ?? []}
        columns={[
          { key: 'name', title: t('mon.pools.pool'), render: (_, r) => <Link to={`/risk-pools/${r.id}`}>{r.name}</Link> },
          { key: 'balance', title: t('mon.pools.balance'), align: 'right', render: (_, r) => formatWan(r.balance, language) },
          { key: 'netLoss', title: t('mon.pools.netLoss'), align: 'right', render: (_, r) => formatWan(r.netLoss, language) },
          {
            key: 'lossRate', title: t('mon.pools.lossRate'), align: 'right',
            render: (_, r) => (
              <Space size={4}>
                {formatPct(r.lossRate)}
                {r.lossRate !== null && r.lossRate > r.nplTolerance && <Tag color="red">{t('mon.pools.over', { tolerance: formatPct(r.nplTolerance, 1) })}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
