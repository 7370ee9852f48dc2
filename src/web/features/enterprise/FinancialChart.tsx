import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { FinancialYear } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { toWan } from '../../components/format';

// Modular ECharts: only the two series types and three components we draw, not the full bundle.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const YEARS_SHOWN = 5;

export function FinancialChart({ financials }: { financials: FinancialYear[] }) {
  const { t, language } = useI18n();
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    const years = [...financials].sort((a, b) => a.year - b.year).slice(-YEARS_SHOWN);
    const series = (key: 'revenue' | 'rdExpense' | 'netProfit') => years.map((y) => toWan(y[key]));
    chart.setOption({
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) =>
          typeof v === 'number' ? v.toLocaleString(language, { maximumFractionDigits: 2 }) : '—',
      },
      legend: { top: 0 },
      grid: { left: 16, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
      yAxis: { type: 'value', name: t('fin.unit') },
      series: [
        { name: t('fin.field.revenue'), type: 'bar', data: series('revenue'), itemStyle: { color: '#1456c8' } },
        { name: t('fin.field.rdExpense'), type: 'bar', data: series('rdExpense'), itemStyle: { color: '#36a3a0' } },
        {
          name: t('fin.field.netProfit'),
          type: 'line',
          data: series('netProfit'),
          smooth: true,
          itemStyle: { color: '#e8862a' },
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [financials, t, language]);

  return <div ref={element} data-testid="financial-chart" style={{ width: '100%', height: 320 }} />;
}

export default FinancialChart;
