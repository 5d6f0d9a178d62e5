import { useEffect, useRef } from 'react';
import type { components } from '../../api/schema';

type EquityPoint = components['schemas']['EquityPointResponse'];

function cssVariable(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** The run's equity curve, drawn with lightweight-charts (loaded on first use, as its own chunk). */
export function EquityChart({ points }: { readonly points: readonly EquityPoint[] }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    let removed = false;
    let dispose = () => undefined as void;
    void import('lightweight-charts').then(({ createChart, LineSeries }) => {
      if (removed) return;
      const chart = createChart(element, {
        autoSize: true,
        layout: { background: { color: cssVariable('--panel') }, textColor: cssVariable('--text') },
        grid: { vertLines: { color: cssVariable('--border') }, horzLines: { color: cssVariable('--border') } },
        timeScale: { timeVisible: true },
      });
      const series = chart.addSeries(LineSeries, { color: cssVariable('--accent'), lineWidth: 2 });
      // The chart wants strictly rising times in seconds; the engine's points are ms, one per interval.
      const data: { time: number; value: number }[] = [];
      for (const point of points) {
        const time = Math.floor(point.at / 1000);
        if (data.length > 0 && (data.at(-1)?.time ?? 0) >= time) data.pop();
        data.push({ time, value: point.equity });
      }
      series.setData(data as Parameters<typeof series.setData>[0]);
      chart.timeScale().fitContent();
      dispose = () => chart.remove();
    });
    return () => {
      removed = true;
      dispose();
    };
  }, [points]);
  return <div ref={container} className="equity-chart" role="img" aria-label="Equity curve" />;
}
