import { BarChart as Bar } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([Bar, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Bars of one or more series over named categories (pool dashboard, linkage report). */
export function BarChart({ categories, series, height = 240, testId }: { categories: string[]; series: { name: string; data: number[] }[]; height?: number; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([categories, series]);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 8, right: 8, top: series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, label: { show: true, position: 'top' } })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [key]);
  return <div ref={element} style={{ height }} data-testid={testId} />;
}
