import { useEffect, useRef } from 'react';
import type { Candle } from './candle-bars';
import type { ChartColors } from './chart-colors';
import { MarketChartDrawing, type Overlays } from './market-chart-drawing';

export interface MarketChartHandle {
  /** How many candles the chart holds. */
  readonly bars: () => number;
  /** The newest candle it holds. */
  readonly newest: () => Candle | undefined;
  /** The open orders' price lines and the fill markers drawn. */
  readonly orders: () => { readonly lines: number[]; readonly markers: string[] };
  /** Applies a live candle as the 5-second refresh does (incrementally). */
  readonly update: (candle: Candle) => void;
}

declare global {
  interface Window {
    /** The open market chart, for the browser budget test and an operator's console. */
    marketChart?: MarketChartHandle;
  }
}

interface Props {
  readonly candles: readonly Candle[] | undefined;
  readonly overlays: Overlays;
  readonly colors: ChartColors;
  readonly onDrawing: (drawing: MarketChartDrawing | undefined) => void;
  readonly label: string;
}

/** The chart's canvas; the drawing it holds is handed to the page for live updates and orders. */
export function MarketChart({ candles, overlays, colors, onDrawing, label }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const drawing = useRef<MarketChartDrawing>(undefined);
  const settings = useRef({ colors, overlays, onDrawing });
  settings.current = { colors, overlays, onDrawing };

  useEffect(() => {
    if (!container.current) return undefined;
    const created = new MarketChartDrawing(container.current, settings.current.colors, settings.current.overlays);
    drawing.current = created;
    window.marketChart = { bars: () => created.bars, newest: () => created.newest, orders: () => created.orders, update: (candle) => created.update(candle) };
    settings.current.onDrawing(created);
    return () => {
      settings.current.onDrawing(undefined);
      delete window.marketChart;
      created.remove();
      drawing.current = undefined;
    };
  }, []);

  useEffect(() => {
    if (!candles) return;
    drawing.current?.show(candles);
    performance.mark('market:drawn', { detail: { bars: candles.length } });
  }, [candles]);

  useEffect(() => drawing.current?.setOverlays(overlays), [overlays]);
  useEffect(() => drawing.current?.setColors(colors), [colors]);

  return <div className="market-chart" ref={container} role="img" aria-label={label} />;
}
