import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { FunnelTotals, TrendPoint } from '../../api/monitoring';
import { useI18n } from '../../app/i18n';
import { toWan } from '../../components/format';
import { SLICE_BAR_LAYOUT, sliceBarHeight } from './chartLayout';

echarts.use([BarChart, LineChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * One ECharts instance on a div, redrawn when `key` (the figures and the language) changes. `onClick` receives the
 * clicked item's data index (a bar, a funnel stage, or a category label).
 */
function useChart(option: echarts.EChartsCoreOption, key: string, onClick?: (index: number) => void) {
  const element = useRef<HTMLDivElement>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption(option);
    chart.on('click', (params) => {
      const p = params as { componentType?: string; dataIndex?: number; value?: unknown };
      if (p.componentType === 'series' && typeof p.dataIndex === 'number') click.current?.(p.dataIndex);
      else if (p.componentType === 'yAxis') {
        const labels = ((option as { yAxis?: { data?: string[] } }).yAxis?.data ?? []);
        const i = labels.indexOf(String(p.value));
        if (i >= 0) click.current?.(i);
      }
    });
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

export interface SliceBar {
  label: string;
  value: number;
}

/**
 * A breakdown as horizontal bars, largest first from the top; a click on a bar or its label drills into it.
 * Values are what the caller wants drawn (万元, a count); `unit` names them in the tooltip.
 */
export function SliceBarChart({ bars, unit, onSelect, testId, color = '#1456c8' }: { bars: SliceBar[]; unit: string; onSelect?: (index: number) => void; testId: string; color?: string }) {
  const { language } = useI18n();
  const { left, right, top, bottom, band } = SLICE_BAR_LAYOUT;
  const ref = useChart(
    {
      // No grow-in animation: a bar is where it will stay from the first frame (and clickable at once).
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${typeof v === 'number' ? v.toLocaleString(language) : '—'} ${unit}` },
      grid: { left, right, top, bottom, containLabel: false },
      xAxis: { type: 'value' },
      yAxis: {
        type: 'category',
        inverse: true,
        data: bars.map((b) => b.label),
        triggerEvent: !!onSelect,
        axisLabel: { width: left - 12, overflow: 'truncate', interval: 0 },
      },
      series: [{ type: 'bar', name: unit, data: bars.map((b) => b.value), barMaxWidth: Math.round(band * 0.6), itemStyle: { color }, cursor: onSelect ? 'pointer' : 'default', label: { show: true, position: 'right' } }],
    },
    JSON.stringify({ bars, unit, language }),
    onSelect,
  );
  return <div ref={ref} data-testid={testId} data-bars={bars.length} style={{ width: '100%', height: sliceBarHeight(bars.length), cursor: onSelect ? 'pointer' : undefined }} />;
}

/** The reported month ends: outstanding (万元, bars) and the NPL ratio (%, line on the right axis). */
export function TrendChart({ points, testId }: { points: TrendPoint[]; testId: string }) {
  const { t, language } = useI18n();
  const ref = useChart(
    {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 16, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: points.map((p) => p.asOf) },
      yAxis: [
        { type: 'value', name: t('mon.unit.wan') },
        { type: 'value', name: '%', axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        { name: t('mon.ind.outstanding'), type: 'bar', data: points.map((p) => toWan(p.outstanding)), itemStyle: { color: '#1456c8' }, barMaxWidth: 28 },
        { name: t('mon.ind.nplRatio'), type: 'line', yAxisIndex: 1, data: points.map((p) => (p.nplRatio === null ? null : Math.round(p.nplRatio * 10000) / 100)), itemStyle: { color: '#d4380d' }, symbolSize: 7 },
      ],
    },
    JSON.stringify({ points, language }),
  );
  return <div ref={ref} data-testid={testId} style={{ width: '100%', height: 300 }} />;
}

export const FUNNEL_STAGES = ['applications', 'recommended', 'approved'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number] | 'deferred';

/** 申请 → 推荐 → 授信 for the year; a click on a stage opens the applications behind it. */
export function StageFunnel({ totals, onSelect, testId }: { totals: FunnelTotals; onSelect?: (stage: FunnelStage) => void; testId: string }) {
  const { t, language } = useI18n();
  const values = [totals.applications, totals.recommendedCount, totals.approvedCount];
  const colors = ['#5470c6', '#91cc75', '#fac858'];
  const ref = useChart(
    {
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'funnel',
          left: 8,
          right: 8,
          top: 8,
          bottom: 8,
          sort: 'none',
          minSize: '20%',
          cursor: onSelect ? 'pointer' : 'default',
          label: { show: true, position: 'inside', formatter: '{b}\n{c}' },
          data: FUNNEL_STAGES.map((s, i) => ({ name: t(`mon.funnel.${s}`), value: values[i], itemStyle: { color: colors[i] } })),
        },
      ],
    },
    JSON.stringify({ totals, language }),
    onSelect ? (i) => onSelect(FUNNEL_STAGES[i]!) : undefined,
  );
  return <div ref={ref} data-testid={testId} style={{ width: '100%', height: 240 }} />;
}
