import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { PoolDetail } from '../../api/risk-pool';
import { useI18n } from '../../app/i18n';
import { toWan } from '../../components/format';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

function useChart(option: echarts.EChartsCoreOption, key: string) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
    // Redraw only when the figures (the key) change; pages build a new option object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return element;
}

/** 资金余额走势: the balance at the end of each day with ledger entries, a step line, with the day's in and out flows. */
export function BalanceChart({ series }: { series: PoolDetail['balanceSeries'] }) {
  const { t, language } = useI18n();
  const fmt = (v: unknown) => (typeof v === 'number' ? v.toLocaleString(language, { maximumFractionDigits: 2 }) : '—');
  const ref = useChart(
    {
      tooltip: { trigger: 'axis', valueFormatter: fmt },
      legend: { top: 0 },
      grid: { left: 16, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: series.map((s) => s.date) },
      yAxis: { type: 'value', name: t('riskPool.chart.balance') },
      series: [
        { name: t('riskPool.field.balance'), type: 'line', step: 'end', data: series.map((s) => toWan(s.balance)), itemStyle: { color: '#1456c8' }, symbolSize: 8 },
        { name: t('riskPool.chart.inflow'), type: 'bar', data: series.map((s) => toWan(s.inflow)), itemStyle: { color: '#36a3a0' }, barMaxWidth: 18 },
        { name: t('riskPool.chart.outflow'), type: 'bar', data: series.map((s) => toWan(s.outflow)), itemStyle: { color: '#e8862a' }, barMaxWidth: 18 },
      ],
    },
    JSON.stringify({ series, language }),
  );
  return <div ref={ref} data-testid="pool-balance-chart" style={{ width: '100%', height: 300 }} />;
}

/** 代偿申请按状态: count per status. */
export function ClaimsByStatusChart({ rows }: { rows: PoolDetail['claimsByStatus'] }) {
  const { t, language } = useI18n();
  const ref = useChart(
    {
      tooltip: { trigger: 'axis' },
      grid: { left: 16, right: 16, bottom: 8, top: 24, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => t(`riskClaim.status.${r.status}`)) },
      yAxis: { type: 'value', name: t('riskPool.chart.count'), minInterval: 1 },
      series: [{ name: t('riskPool.chart.count'), type: 'bar', data: rows.map((r) => r.count), itemStyle: { color: '#7a5af5' }, barMaxWidth: 36 }],
    },
    JSON.stringify({ rows, language }),
  );
  return <div ref={ref} data-testid="pool-claims-chart" style={{ width: '100%', height: 240 }} />;
}
