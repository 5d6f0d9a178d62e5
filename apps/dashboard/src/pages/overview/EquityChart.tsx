import { useEffect, useRef, useState } from 'react';
import type { IChartApi, ISeriesApi } from 'lightweight-charts';
import { formatSigned } from '../../format/decimal';
import type { EquityPoint } from './equity-curve';

/** The theme's colours, read from the CSS variables so the chart follows dark and light. */
function themeColors() {
  const style = getComputedStyle(document.documentElement);
  const color = (name: string) => style.getPropertyValue(name).trim();
  return { text: color('--text'), grid: color('--border'), up: color('--up'), down: color('--down') };
}

function chartOptions() {
  const colors = themeColors();
  return {
    layout: { background: { color: 'transparent' }, textColor: colors.text, attributionLogo: false },
    grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
    rightPriceScale: { borderColor: colors.grid },
    timeScale: { borderColor: colors.grid },
  };
}

function seriesColors() {
  const { up, down } = themeColors();
  return { topLineColor: up, topFillColor1: `${up}55`, topFillColor2: `${up}08`, bottomLineColor: down, bottomFillColor1: `${down}08`, bottomFillColor2: `${down}55` };
}

/**
 * The equity curve, drawn with lightweight-charts. The library is imported when the chart mounts, so
 * the overview is usable before it loads (its own chunk, shared with the market page and backtests).
 */
export function EquityChart({ points }: { readonly points: readonly EquityPoint[] }) {
  const container = useRef<HTMLDivElement>(null);
  const series = useRef<ISeriesApi<'Baseline'>>(null);
  const [ready, setReady] = useState(false);
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    let chart: IChartApi | undefined;
    let disposed = false;
    const themeWatch = new MutationObserver(() => {
      chart?.applyOptions(chartOptions());
      series.current?.applyOptions(seriesColors());
    });
    import('lightweight-charts').then(
      ({ createChart, BaselineSeries }) => {
        if (disposed || !container.current) return;
        chart = createChart(container.current, { ...chartOptions(), autoSize: true, height: 220 });
        series.current = chart.addSeries(BaselineSeries, { baseValue: { type: 'price', price: 0 }, ...seriesColors() });
        themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
        setReady(true);
      },
      (error: unknown) => setFailure(`The chart could not load: ${String(error)}`),
    );
    return () => {
      disposed = true;
      themeWatch.disconnect();
      series.current = null;
      chart?.remove();
    };
  }, []);

  useEffect(() => {
    if (!ready || !series.current) return;
    // Display only: the figures beside the chart stay exact decimals.
    series.current.setData(points.map((point) => ({ time: point.day, value: Number(point.value) })));
  }, [points, ready]);

  const last = points.at(-1);
  return (
    <figure className="equity-chart">
      <div ref={container} className="equity-chart-canvas" role="img" aria-label={`Equity change over ${points.length} day(s): ${last ? formatSigned(last.value) : '0'} KRW now`} />
      {failure && <p className="error">{failure}</p>}
    </figure>
  );
}
