import type { BacktestTrade, ChartCandle, EquityPoint } from '@trader/application';
import { escapeHtml } from './html-escape';
import { formatDecimal, formatTime } from './report-format';

/** Charts are drawn in a fixed 960-wide box and scale with the page (viewBox); more points than pixels add bytes, not detail. */
const WIDTH = 960;
const MARGIN = { left: 84, right: 12, top: 12, bottom: 24 };
const MAX_POINTS = 2000;
const MAX_CANDLES = 960;
/** Upbit's colours: red for a rising candle, blue for a falling one. */
const RISING = '#d24f45';
const FALLING = '#1261c4';

interface Frame {
  readonly height: number;
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

const coordinate = (value: number): string => value.toFixed(1);

function xOf(frame: Frame, at: number): number {
  const span = frame.xMax - frame.xMin || 1;
  return MARGIN.left + ((at - frame.xMin) / span) * (WIDTH - MARGIN.left - MARGIN.right);
}

function yOf(frame: Frame, value: number): number {
  const span = frame.yMax - frame.yMin || 1;
  return MARGIN.top + ((frame.yMax - value) / span) * (frame.height - MARGIN.top - MARGIN.bottom);
}

/** Axis labels, grid lines, then the chart's own marks, in an `<svg>` that names what it shows. */
function svg(frame: Frame, label: string, formatValue: (value: number) => string, marks: string): string {
  const grid = [frame.yMax, (frame.yMax + frame.yMin) / 2, frame.yMin]
    .map((value) => {
      const y = coordinate(yOf(frame, value));
      return `<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}"/><text class="axis" x="${MARGIN.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeHtml(formatValue(value))}</text>`;
    })
    .join('');
  const bottom = frame.height - 6;
  const times = `<text class="axis" x="${MARGIN.left}" y="${bottom}">${formatTime(frame.xMin)}</text><text class="axis" x="${WIDTH - MARGIN.right}" y="${bottom}" text-anchor="end">${formatTime(frame.xMax)}</text>`;
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${frame.height}" role="img" aria-label="${escapeHtml(label)}">${grid}${times}${marks}</svg>`;
}

/** At most `max` points, keeping each bucket's lowest and highest so no peak or trough disappears. */
export function thinSeries(points: readonly EquityPoint[], max: number): EquityPoint[] {
  if (points.length <= max) return [...points];
  const bucket = Math.ceil(points.length / Math.floor(max / 2));
  const kept: EquityPoint[] = [];
  for (let start = 0; start < points.length; start += bucket) {
    const slice = points.slice(start, start + bucket);
    const low = slice.reduce((a, b) => (b.equity < a.equity ? b : a));
    const high = slice.reduce((a, b) => (b.equity > a.equity ? b : a));
    kept.push(...(low === high ? [low] : low.at <= high.at ? [low, high] : [high, low]));
  }
  const last = points[points.length - 1];
  if (kept[kept.length - 1] !== last) kept.push(last);
  return kept;
}

function extent(values: readonly number[]): [number, number] {
  return values.reduce<[number, number]>(([low, high], value) => [Math.min(low, value), Math.max(high, value)], [Infinity, -Infinity]);
}

const money = (value: number): string => formatDecimal(value.toFixed(0));

export function equityChart(curve: readonly EquityPoint[]): string {
  const points = thinSeries(curve, MAX_POINTS);
  const [low, high] = extent(points.map((p) => p.equity));
  const frame: Frame = { height: 240, xMin: points[0].at, xMax: points[points.length - 1].at, yMin: low, yMax: high };
  const path = points.map((p) => `${coordinate(xOf(frame, p.at))},${coordinate(yOf(frame, p.equity))}`).join(' ');
  return svg(frame, 'Equity in KRW', money, `<polyline class="equity" points="${path}"/>`);
}

/** `drawdown` holds the depth below the running peak in percent (positive), drawn downwards from 0. */
export function drawdownChart(drawdown: readonly EquityPoint[]): string {
  const points = thinSeries(drawdown, MAX_POINTS);
  const [, deepest] = extent(points.map((p) => p.equity));
  const frame: Frame = { height: 160, xMin: points[0].at, xMax: points[points.length - 1].at, yMin: -Math.max(deepest, 1), yMax: 0 };
  const zero = coordinate(yOf(frame, 0));
  const path = points.map((p) => `${coordinate(xOf(frame, p.at))},${coordinate(yOf(frame, -p.equity))}`).join(' ');
  const first = coordinate(xOf(frame, points[0].at));
  const last = coordinate(xOf(frame, points[points.length - 1].at));
  return svg(frame, 'Drawdown in percent below the running peak', (v) => `${v.toFixed(1)}%`, `<polygon class="drawdown" points="${first},${zero} ${path} ${last},${zero}"/>`);
}

/** Merges runs of adjacent candles into one (first open, last close, extreme high and low) down to `max`. */
export function mergeCandles(candles: readonly ChartCandle[], max: number): ChartCandle[] {
  if (candles.length <= max) return [...candles];
  const group = Math.ceil(candles.length / max);
  const merged: ChartCandle[] = [];
  for (let start = 0; start < candles.length; start += group) {
    const slice = candles.slice(start, start + group);
    merged.push({
      start: slice[0].start,
      open: slice[0].open,
      close: slice[slice.length - 1].close,
      high: slice.reduce((high, c) => Math.max(high, c.high), -Infinity),
      low: slice.reduce((low, c) => Math.min(low, c.low), Infinity),
    });
  }
  return merged;
}

/** Candles of one market over the run, with our entries (up triangles) and exits (down triangles). */
export function candleChart(market: string, candles: readonly ChartCandle[], trades: readonly BacktestTrade[], from: number, to: number): string {
  const shown = mergeCandles(candles, MAX_CANDLES);
  // Prices become floats here only to place marks on the chart; the tables print the exact decimals.
  const entries = trades.map((t) => ({ at: t.openedAt, price: Number(t.entryPrice), trade: t }));
  const exits = trades.flatMap((t) => (t.closedAt === null ? [] : [{ at: t.closedAt, price: Number(t.exitPrice), trade: t }]));
  const [low, high] = extent([...shown.flatMap((c) => [c.low, c.high]), ...entries.map((e) => e.price), ...exits.map((e) => e.price)]);
  if (!Number.isFinite(low)) return '<p class="note">No candles and no trades to chart.</p>';
  // Room above and below for the triangles marking trades at the extremes.
  const pad = (high - low) * 0.05;
  const frame: Frame = { height: 280, xMin: from, xMax: to, yMin: low - pad, yMax: high + pad };
  const slot = (WIDTH - MARGIN.left - MARGIN.right) / Math.max(shown.length, 1);
  const bodyWidth = coordinate(Math.max(slot * 0.7, 0.6));
  const bars = shown
    .map((c) => {
      const colour = c.close >= c.open ? RISING : FALLING;
      const x = xOf(frame, c.start) + slot / 2;
      const top = yOf(frame, Math.max(c.open, c.close));
      const height = Math.max(yOf(frame, Math.min(c.open, c.close)) - top, 0.6);
      return `<line x1="${coordinate(x)}" x2="${coordinate(x)}" y1="${coordinate(yOf(frame, c.high))}" y2="${coordinate(yOf(frame, c.low))}" stroke="${colour}"/><rect x="${coordinate(x - Number(bodyWidth) / 2)}" y="${coordinate(top)}" width="${bodyWidth}" height="${coordinate(height)}" fill="${colour}"/>`;
    })
    .join('');
  const marker = (kind: 'entry' | 'exit', at: number, price: number, title: string): string => {
    const x = xOf(frame, at);
    const y = yOf(frame, price);
    const shape = kind === 'entry' ? `${coordinate(x)},${coordinate(y)} ${coordinate(x - 5)},${coordinate(y + 9)} ${coordinate(x + 5)},${coordinate(y + 9)}` : `${coordinate(x)},${coordinate(y)} ${coordinate(x - 5)},${coordinate(y - 9)} ${coordinate(x + 5)},${coordinate(y - 9)}`;
    return `<polygon class="${kind}" points="${shape}"><title>${escapeHtml(title)}</title></polygon>`;
  };
  const marks = [
    ...entries.map((e) => marker('entry', e.at, e.price, `buy ${formatTime(e.at)} at ${formatDecimal(e.trade.entryPrice)} (${e.trade.entryRule})`)),
    ...exits.map((e) => marker('exit', e.at, e.price, `sell ${formatTime(e.at)} at ${formatDecimal(e.trade.exitPrice)} (${e.trade.exitRule}), pnl ${formatDecimal(e.trade.pnl)} KRW`)),
  ].join('');
  return svg(frame, `${market} candles with entries and exits`, (v) => formatDecimal(String(Number(v.toPrecision(6)))), `${bars}${marks}`);
}
