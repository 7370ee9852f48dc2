import { CameraOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Input, Row, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { monitoringApi, type LoanSlice } from '../../api/monitoring';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { describeError } from '../../components/errors';
import { useApi } from '../../components/useApi';
import { ApplicationDrilldown, type ApplicationDrill } from './ApplicationDrilldown';
import { Breakdowns } from './Breakdowns';
import { previousMonthEnd, todayShanghai } from './format';
import { IndicatorCards } from './IndicatorCards';
import { LoanDrilldown, type LoanDrill } from './LoanDrilldown';
import { AlertsSummaryCard, FunnelCard, PoolsCard, SlaCard, SubsidiesCard, TrendCard } from './OfficePanels';

/**
 * 监测总览 (issue #8): the indicators as of a date, their trend, breakdowns, the funnel, SLA warnings, alerts,
 * subsidy budget use and pool balances. Without a date it shows the freshest stored indicators (the daily cache or
 * the latest month end, as the dashboards' cache); with ?asOf= it computes them for that date from the ledger.
 */
export function OverviewPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const asOfParam = params.get('asOf');
  const [reloadKey, setReloadKey] = useState(0);
  const [loanDrill, setLoanDrill] = useState<LoanDrill | null>(null);
  const [appDrill, setAppDrill] = useState<ApplicationDrill | null>(null);
  const [snapshotting, setSnapshotting] = useState(false);

  const summary = useApi((s) => monitoringApi.panel('summary', s), `summary:${reloadKey}`);
  // Nothing stored yet: compute today's figures rather than show an empty page.
  const liveAsOf = asOfParam ?? (summary.data && !summary.data.indicators ? todayShanghai() : null);
  const live = useApi((s) => (liveAsOf ? monitoringApi.indicators(liveAsOf, s) : Promise.resolve(null)), `live:${liveAsOf}:${reloadKey}`);
  const ind = liveAsOf ? live.data : summary.data?.indicators;
  const loading = liveAsOf ? live.loading : summary.loading;
  const source = liveAsOf ? 'live' : summary.data?.kind;

  const setAsOf = (value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set('asOf', value);
    else next.delete('asOf');
    setParams(next, { replace: true });
  };

  const drill = (slice: LoanSlice, label: string) => ind && setLoanDrill({ asOf: ind.asOf, slice, title: t('mon.drill.title', { what: label, asOf: ind.asOf }) });

  const takeSnapshot = async () => {
    const asOf = previousMonthEnd(todayShanghai());
    setSnapshotting(true);
    try {
      const r = await monitoringApi.takeSnapshot(asOf);
      message.success(t(`mon.snapshot.${r.outcome === 'restated' ? 'restated' : r.outcome === 'unchanged' ? 'unchanged' : 'stored'}`, { asOf, version: r.version }));
      setReloadKey((k) => k + 1);
    } catch (err) {
      message.error(describeError(t, err));
    } finally {
      setSnapshotting(false);
    }
  };

  return (
    <div data-testid="overview-page">
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={t('nav.monOverview')}
        extra={
          <Space wrap>
            <Typography.Text>{t('mon.asOf')}</Typography.Text>
            <Input type="date" value={asOfParam ?? ind?.asOf ?? ''} data-testid="overview-asof" onChange={(e) => setAsOf(e.target.value || null)} style={{ width: 160 }} />
            {asOfParam && <Button onClick={() => setAsOf(null)} data-testid="overview-latest">{t('mon.latestStored')}</Button>}
            {source && <Tag color={source === 'live' ? 'blue' : 'green'} data-testid="overview-source">{t(`mon.source.${source}`)}</Tag>}
            <Button icon={<ReloadOutlined />} onClick={() => setReloadKey((k) => k + 1)} title={t('mon.refresh')} aria-label={t('mon.refresh')} />
            {ind && (
              <Button icon={<DownloadOutlined />} href={monitoringApi.indicatorsXlsxUrl(ind.asOf)} data-testid="overview-xlsx">
                XLSX
              </Button>
            )}
            {can(user, 'monitoring.snapshot') && (
              <Button icon={<CameraOutlined />} loading={snapshotting} onClick={takeSnapshot} data-testid="overview-snapshot">
                {t('mon.snapshot.take', { asOf: previousMonthEnd(todayShanghai()) })}
              </Button>
            )}
          </Space>
        }
      >
        <ErrorAlert error={liveAsOf ? live.error : summary.error} onRetry={() => setReloadKey((k) => k + 1)} />
        {loading && !ind && <Spin style={{ display: 'block', margin: 24 }} />}
        {ind && <IndicatorCards ind={ind} onDrill={drill} />}
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <TrendCard reloadKey={reloadKey} />
        </Col>
        <Col xs={24} xl={10}>
          {ind && <FunnelCard funnel={ind.funnel} onSelect={(stage) => setAppDrill({ year: ind.funnel.year, stage })} />}
        </Col>
        <Col span={24}>{ind && <Breakdowns ind={ind} onDrill={drill} />}</Col>
        <Col xs={24} xl={12}>
          <AlertsSummaryCard reloadKey={reloadKey} />
        </Col>
        <Col xs={24} xl={12}>
          <SlaCard />
        </Col>
        <Col xs={24} xl={12}>{ind && <SubsidiesCard items={ind.subsidies} />}</Col>
        <Col xs={24} xl={12}>
          <PoolsCard />
        </Col>
      </Row>
      <LoanDrilldown drill={loanDrill} onClose={() => setLoanDrill(null)} />
      <ApplicationDrilldown drill={appDrill} onClose={() => setAppDrill(null)} />
    </div>
  );
}
