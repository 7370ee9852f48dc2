import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { BankAssessmentRow } from '../../api/assessment';
import { useI18n } from '../../app/i18n';
import { INDICATORS } from './indicators';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Each bank's total as a stack of its six indicator scores (best total first, as in the table). */
export function AssessmentChart({ banks }: { banks: BankAssessmentRow[] }) {
  const { t, language } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(banks);

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    const rows = banks.slice(0, 20);
    chart.setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map((b) => b.bankName), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', max: 110 },
      series: INDICATORS.map((ind) => ({
        type: 'bar',
        stack: 'total',
        name: t(ind.label),
        data: rows.map((b) => b.indicators[ind.key].score),
        barMaxWidth: 36,
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

  return <div ref={element} data-testid="assessment-chart" style={{ width: '100%', height: 360 }} />;
}
