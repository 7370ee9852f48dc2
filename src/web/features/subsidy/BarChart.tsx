import { BarChart as Bars, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../app/i18n';

echarts.use([Bars, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartSeries {
  name: string;
  /** Values already in the unit of the axis (万元); null draws nothing. */
  data: Array<number | null>;
  color: string;
  type?: 'bar' | 'line';
  stack?: string;
}

/** Grouped bars per category (measures), the budget and simulation pages' one chart. */
export function BarChart({ categories, series, unit, testId, height = 340 }: { categories: string[]; series: ChartSeries[]; unit: string; testId: string; height?: number }) {
  const { language } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  // Pages build new arrays on every render; redraw only when the figures change.
  const key = JSON.stringify({ categories, series, unit });

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? v.toLocaleString(language, { maximumFractionDigits: 2 }) : '—'),
      },
      legend: { top: 0 },
      grid: { left: 16, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: unit },
      series: series.map((s) => ({
        name: s.name,
        type: s.type ?? 'bar',
        data: s.data,
        stack: s.stack,
        itemStyle: { color: s.color },
        barMaxWidth: 36,
        // A line over one or two measures is only its points: draw them large enough to see.
        ...(s.type === 'line' ? { symbolSize: 10, lineStyle: { width: 2 } } : {}),
      })),
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, language]);

  return <div ref={element} data-testid={testId} style={{ width: '100%', height }} />;
}
