import { BarChart, FunnelChart as Funnel } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { FunnelReport } from '../../api/financing-types';
import { useI18n } from '../../app/i18n';

echarts.use([Funnel, BarChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** The year's funnel (applications → recommended → approved) on the left, the same counts per row on the right. */
export function FunnelChart({ report, rowLabel }: { report: FunnelReport; rowLabel: (i: number) => string }) {
  const { t, language } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(report);

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    const names = [t('funnel.col.applications'), t('funnel.col.recommendedCount'), t('funnel.col.approvedCount')];
    const rows = report.rows.slice(0, 12);
    chart.setOption({
      tooltip: { trigger: 'item' },
      legend: { top: 0, left: '45%', data: names },
      grid: { left: '45%', right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map((_, i) => rowLabel(i)), axisLabel: { interval: 0, rotate: rows.length > 5 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'funnel',
          name: t('funnel.chart'),
          left: 8,
          top: 40,
          bottom: 8,
          width: '36%',
          sort: 'none',
          minSize: '10%',
          label: { show: true, position: 'inside', formatter: '{b}\n{c}' },
          data: [
            { name: names[0], value: report.total.applications, itemStyle: { color: '#5470c6' } },
            { name: names[1], value: report.total.recommendedCount, itemStyle: { color: '#91cc75' } },
            { name: names[2], value: report.total.approvedCount, itemStyle: { color: '#fac858' } },
          ],
        },
        { type: 'bar', name: names[0], data: rows.map((r) => r.applications), itemStyle: { color: '#5470c6' }, barMaxWidth: 24 },
        { type: 'bar', name: names[1], data: rows.map((r) => r.recommendedCount), itemStyle: { color: '#91cc75' }, barMaxWidth: 24 },
        { type: 'bar', name: names[2], data: rows.map((r) => r.approvedCount), itemStyle: { color: '#fac858' }, barMaxWidth: 24 },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, language]);

  return <div ref={element} data-testid="funnel-chart" style={{ width: '100%', height: 340 }} />;
}
