import { RadarChart as Radar } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([Radar, LegendComponent, TooltipComponent, CanvasRenderer]);

/** One radar of the innovation-points indicators, each normalised to 0–100. */
export function RadarChart({ indicators, name }: { indicators: { label: string; value: number }[]; name: string }) {
  const element = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(indicators);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      tooltip: {},
      radar: { indicator: indicators.map((i) => ({ name: i.label, max: 100 })), radius: '65%', axisName: { fontSize: 11 } },
      series: [{ type: 'radar', name, data: [{ value: indicators.map((i) => i.value), name, areaStyle: { opacity: 0.25 } }] }],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, name]);
  return <div ref={element} style={{ width: '100%', height: 320 }} data-testid="evaluation-radar" />;
}
