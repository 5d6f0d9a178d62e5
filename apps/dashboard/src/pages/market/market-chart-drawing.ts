import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  LineSeries,
  LineStyle,
  type LineData,
  type SeriesMarker,
  type UTCTimestamp,
  type WhitespaceData,
} from 'lightweight-charts';
import { barTime, type Candle, toBar, toVolumeBar } from './candle-bars';
import type { ChartColors } from './chart-colors';
import { bollinger, ema, type IndicatorLine, rsi, sma } from './indicators';

export interface Overlays {
  /** 0 hides the line. */
  readonly sma: number;
  readonly ema: number;
  readonly bollinger: boolean;
}

/** A price line of an open order. */
export interface OrderLine {
  readonly price: number;
  readonly side: 'buy' | 'sell';
  readonly title: string;
}

type Point = LineData<UTCTimestamp> | WhitespaceData<UTCTimestamp>;
const RSI_PERIOD = 14;
const RSI_PANE_HEIGHT = 120;
/**
 * While one candle forms, its overlay points (SMA, EMA, the bands, RSI: six series) are redrawn at most
 * this often. Every `series.update` costs the chart a pass over all that series' points, so with 10,000
 * bars and several updates a second, redrawing all eight series on each one made long tasks; prices
 * refresh every 5 s in use, so each refresh still redraws them, and a new candle always does. The
 * overlay points are also drawn one series per task (a zero-delay timeout each), so no single task
 * carries all eight passes.
 */
const OVERLAY_REDRAW_MS = 1_000;

const point = (time: UTCTimestamp, value: number | null | undefined): Point => (value === null || value === undefined ? { time } : { time, value });

/**
 * The market chart on a canvas: candles and volume, SMA/EMA/Bollinger overlays and an RSI(14) pane,
 * our fills as markers and open orders as price lines. History is set once (`show`); a live candle
 * is applied with `update`, which redraws only the newest point of each series.
 */
export class MarketChartDrawing {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick', UTCTimestamp>;
  private readonly volume: ISeriesApi<'Histogram', UTCTimestamp>;
  private readonly sma: ISeriesApi<'Line', UTCTimestamp>;
  private readonly ema: ISeriesApi<'Line', UTCTimestamp>;
  private readonly bands: readonly [ISeriesApi<'Line', UTCTimestamp>, ISeriesApi<'Line', UTCTimestamp>, ISeriesApi<'Line', UTCTimestamp>];
  private readonly rsi: ISeriesApi<'Line', UTCTimestamp>;
  private readonly markers: ISeriesMarkersPluginApi<UTCTimestamp>;
  private priceLines: IPriceLine[] = [];
  private held: Candle[] = [];
  private closes: number[] = [];
  private overlaysDrawnAt = Number.NEGATIVE_INFINITY;
  /** Overlay points not drawn yet, one step per series, drawn one per task. */
  private overlaySteps: (() => void)[] = [];
  private overlayTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    container: HTMLElement,
    private colors: ChartColors,
    private overlays: Overlays,
  ) {
    this.chart = createChart(container, { autoSize: true, timeScale: { timeVisible: true, secondsVisible: false }, localization: { locale: 'en-US' } }) as IChartApi;
    this.candles = this.chart.addSeries(CandlestickSeries, { priceFormat: { type: 'price', precision: 0, minMove: 1 } }) as ISeriesApi<'Candlestick', UTCTimestamp>;
    this.candles.priceScale().applyOptions({ scaleMargins: { top: 0.05, bottom: 0.25 } });
    this.volume = this.chart.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false }) as ISeriesApi<'Histogram', UTCTimestamp>;
    this.volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    const line = (title: string) => this.chart.addSeries(LineSeries, { title, lineWidth: 1, lastValueVisible: false, priceLineVisible: false, crosshairMarkerVisible: false }) as ISeriesApi<'Line', UTCTimestamp>;
    this.sma = line('SMA');
    this.ema = line('EMA');
    this.bands = [line(''), line('BB(20, 2)'), line('')];
    this.rsi = this.chart.addSeries(LineSeries, { title: `RSI(${RSI_PERIOD})`, lineWidth: 1, priceFormat: { type: 'price', precision: 1, minMove: 0.1 } }, 1) as ISeriesApi<'Line', UTCTimestamp>;
    this.chart.panes()[1]?.setHeight(RSI_PANE_HEIGHT);
    this.markers = createSeriesMarkers(this.candles, []) as ISeriesMarkersPluginApi<UTCTimestamp>;
    this.paint();
  }

  /** How many candles the chart holds. */
  get bars(): number {
    return this.candles.data().length;
  }

  /** The prices of the open orders' lines and the ids of the fill markers drawn. */
  get orders(): { readonly lines: number[]; readonly markers: string[] } {
    return { lines: this.priceLines.map((line) => line.options().price), markers: this.markers.markers().map((marker) => marker.id ?? '') };
  }

  /** The newest candle held. */
  get newest(): Candle | undefined {
    return this.held.at(-1);
  }

  /** Replaces the history (a new market, timeframe or page of history). */
  show(candles: readonly Candle[]): void {
    this.held = [...candles];
    this.closes = this.held.map((candle) => Number(candle.close));
    const decimals = Math.max(0, ...this.held.slice(-50).map((candle) => candle.close.split('.')[1]?.length ?? 0));
    this.candles.applyOptions({ priceFormat: { type: 'price', precision: decimals, minMove: 10 ** -decimals } });
    this.candles.setData(this.held.map(toBar));
    this.volume.setData(this.held.map((candle) => toVolumeBar(candle, this.colors)));
    this.drawIndicators();
  }

  /** A newer read of the forming candle, or a candle that opened since: drawn incrementally. */
  update(candle: Candle, now: number = performance.now()): void {
    const last = this.held.at(-1);
    if (last && candle.time < last.time) return;
    const opened = !last || candle.time > last.time;
    if (last && candle.time === last.time) {
      this.held[this.held.length - 1] = candle;
      this.closes[this.closes.length - 1] = Number(candle.close);
    } else {
      this.held.push(candle);
      this.closes.push(Number(candle.close));
    }
    this.candles.update(toBar(candle));
    this.volume.update(toVolumeBar(candle, this.colors));
    if (!opened && now - this.overlaysDrawnAt < OVERLAY_REDRAW_MS) return;
    this.overlaysDrawnAt = now;
    // A new candle must not drop the previous one's last overlay points: draw what waits first.
    if (opened) this.flushOverlays();
    const time = barTime(candle.time);
    const newest = <T>(values: readonly T[]) => values[values.length - 1];
    const steps: (() => void)[] = [];
    if (this.overlays.sma > 0) {
      const value = newest(sma(this.closes.slice(-this.overlays.sma), this.overlays.sma));
      steps.push(() => this.sma.update(point(time, value)));
    }
    if (this.overlays.ema > 0) {
      const value = newest(ema(this.closes, this.overlays.ema));
      steps.push(() => this.ema.update(point(time, value)));
    }
    if (this.overlays.bollinger) {
      const band = newest(bollinger(this.closes.slice(-20), 20, 2));
      steps.push(() => this.bands[0].update(point(time, band?.upper)));
      steps.push(() => this.bands[1].update(point(time, band?.middle)));
      steps.push(() => this.bands[2].update(point(time, band?.lower)));
    }
    const strength = newest(rsi(this.closes, RSI_PERIOD));
    steps.push(() => this.rsi.update(point(time, strength)));
    // The same candle's newer points replace those still waiting.
    this.overlaySteps = steps;
    this.scheduleOverlayStep();
  }

  private scheduleOverlayStep(): void {
    if (this.overlayTimer !== undefined || this.overlaySteps.length === 0) return;
    this.overlayTimer = setTimeout(() => {
      this.overlayTimer = undefined;
      this.overlaySteps.shift()?.();
      this.scheduleOverlayStep();
    }, 0);
  }

  /** Draws every overlay point still waiting, now. */
  private flushOverlays(): void {
    clearTimeout(this.overlayTimer);
    this.overlayTimer = undefined;
    const steps = this.overlaySteps;
    this.overlaySteps = [];
    for (const step of steps) step();
  }

  setOverlays(overlays: Overlays): void {
    this.overlays = overlays;
    this.drawIndicators();
  }

  setColors(colors: ChartColors): void {
    this.colors = colors;
    this.paint();
    this.volume.setData(this.held.map((candle) => toVolumeBar(candle, colors)));
  }

  /** Our fills as markers (below the bar for a buy, above for a sell) and open orders as price lines. */
  setOrders(fills: readonly SeriesMarker<UTCTimestamp>[], open: readonly OrderLine[]): void {
    this.markers.setMarkers([...fills].sort((a, b) => a.time - b.time));
    for (const priceLine of this.priceLines) this.candles.removePriceLine(priceLine);
    this.priceLines = open.map((order) =>
      this.candles.createPriceLine({ price: order.price, color: order.side === 'buy' ? this.colors.up : this.colors.down, lineStyle: LineStyle.Dashed, lineWidth: 1, axisLabelVisible: true, title: order.title }),
    );
  }

  remove(): void {
    this.dropOverlaySteps();
    this.chart.remove();
  }

  /** Forgets the overlay points waiting: the whole overlays are about to be set again, or the chart goes. */
  private dropOverlaySteps(): void {
    clearTimeout(this.overlayTimer);
    this.overlayTimer = undefined;
    this.overlaySteps = [];
  }

  private drawIndicators(): void {
    this.dropOverlaySteps();
    const times = this.held.map((candle) => barTime(candle.time));
    const line = (values: IndicatorLine) => values.map((value, i) => point(times[i] as UTCTimestamp, value));
    this.sma.setData(this.overlays.sma > 0 ? line(sma(this.closes, this.overlays.sma)) : []);
    this.sma.applyOptions({ title: `SMA(${this.overlays.sma})` });
    this.ema.setData(this.overlays.ema > 0 ? line(ema(this.closes, this.overlays.ema)) : []);
    this.ema.applyOptions({ title: `EMA(${this.overlays.ema})` });
    const bands = this.overlays.bollinger ? bollinger(this.closes, 20, 2) : [];
    this.bands[0].setData(line(bands.map((band) => band?.upper ?? null)));
    this.bands[1].setData(line(bands.map((band) => band?.middle ?? null)));
    this.bands[2].setData(line(bands.map((band) => band?.lower ?? null)));
    this.rsi.setData(line(rsi(this.closes, RSI_PERIOD)));
  }

  private paint(): void {
    const c = this.colors;
    this.chart.applyOptions({
      layout: { background: { type: ColorType.Solid, color: c.background }, textColor: c.text, panes: { separatorColor: c.grid } },
      grid: { vertLines: { color: c.grid }, horzLines: { color: c.grid } },
      rightPriceScale: { borderColor: c.grid },
      timeScale: { borderColor: c.grid },
    });
    this.candles.applyOptions({ upColor: c.up, downColor: c.down, borderUpColor: c.up, borderDownColor: c.down, wickUpColor: c.up, wickDownColor: c.down });
    this.sma.applyOptions({ color: c.warn });
    this.ema.applyOptions({ color: c.accent });
    for (const band of this.bands) band.applyOptions({ color: c.muted, lineStyle: LineStyle.Dotted });
    this.rsi.applyOptions({ color: c.accent });
  }
}
