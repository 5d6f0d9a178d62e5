import { Dec, ZERO } from '../engine/decimal';
import { Candle, CandlePeriod, CandleSeries, MINUTE_UNITS } from './candle-series';
import { utcDayStart } from './time-format';

/** What the tape takes over from the served history when the live market starts. */
export interface TapeHistory {
  /** Where the live tape begins; the history covers the minutes before. */
  readonly liveFrom: number;
  /** The history's part of the UTC day holding `liveFrom`. */
  liveDaySoFar(): Candle | undefined;
  closeBefore(dayStart: number): Dec | undefined;
  minuteAmounts(from: number): ReadonlyArray<{ readonly start: number; readonly volumeUnits: bigint; readonly valueUnits: bigint }>;
  closeExtremes(since: number): { high: { price: Dec; day: number }; low: { price: Dec; day: number } } | undefined;
}

interface Extreme {
  readonly price: Dec;
  readonly day: number;
}

export type AskBid = 'ASK' | 'BID';

/** One executed trade as the market publishes it. */
export interface TradeRecord {
  readonly market: string;
  readonly timestamp: number;
  readonly price: Dec;
  readonly volume: Dec;
  /** The taker's side: BID when a buyer took liquidity. */
  readonly askBid: AskBid;
  readonly sequentialId: number;
  readonly prevClosingPrice: Dec;
}

export interface TickerState {
  readonly market: string;
  readonly openingPrice: Dec;
  readonly highPrice: Dec;
  readonly lowPrice: Dec;
  readonly tradePrice: Dec;
  readonly prevClosingPrice: Dec;
  readonly tradeVolume: Dec;
  readonly tradeTimestamp: number;
  readonly askBid: AskBid;
  readonly accTradePrice: Dec;
  readonly accTradeVolume: Dec;
  readonly accAskVolume: Dec;
  readonly accBidVolume: Dec;
  readonly accTradePrice24h: Dec;
  readonly accTradeVolume24h: Dec;
  readonly highest52WeekPrice: Dec;
  readonly highest52WeekDate: number;
  readonly lowest52WeekPrice: Dec;
  readonly lowest52WeekDate: number;
}

interface MinuteBucket {
  readonly start: number;
  price: Dec;
  volume: Dec;
}

export type CandleKey = 'seconds' | `minutes/${number}` | 'days' | 'weeks' | 'months' | 'years';

export function candleKey(period: CandlePeriod): CandleKey {
  return period.kind === 'minutes' ? `minutes/${period.unit}` : period.kind;
}

const DAY_MS = 86_400_000;

/**
 * Everything one market has printed: recent trades, candles of every period and the ticker's day,
 * 24 h and 52-week statistics, all derived from the same trades.
 */
export class MarketTape {
  private readonly trades: TradeRecord[] = [];
  private readonly candles = new Map<CandleKey, CandleSeries>();
  private readonly minuteBuckets: MinuteBucket[] = [];
  private rolling = { price: ZERO, volume: ZERO };
  private lastSeqMs = 0;
  private seqInMs = 0;
  private day: {
    start: number;
    open: Dec;
    high: Dec;
    low: Dec;
    accPrice: Dec;
    accVolume: Dec;
    accAsk: Dec;
    accBid: Dec;
  };
  private prevClose: Dec;
  private last: TradeRecord | undefined;
  private dayOpened = false;
  private history: TapeHistory | undefined;
  private earlierDaysExtremes: { high: Extreme | undefined; low: Extreme | undefined } = { high: undefined, low: undefined };

  constructor(
    readonly market: string,
    referencePrice: Dec,
    private readonly tradeRetention: number,
    candleRetention: number,
  ) {
    this.prevClose = referencePrice;
    this.day = this.freshDay(0, referencePrice);
    const periods: CandlePeriod[] = [
      { kind: 'seconds' },
      ...MINUTE_UNITS.map((unit) => ({ kind: 'minutes' as const, unit })),
      { kind: 'days' },
      { kind: 'weeks' },
      { kind: 'months' },
      { kind: 'years' },
    ];
    for (const period of periods) this.candles.set(candleKey(period), new CandleSeries(period, candleRetention));
  }

  /**
   * Continues the history: the ticker's day, previous close, 24 h amounts and 52-week extremes
   * include what the history printed before the live tape began. Call before the first trade.
   */
  continueHistory(history: TapeHistory): void {
    this.history = history;
    const dayStart = utcDayStart(history.liveFrom);
    this.prevClose = history.closeBefore(dayStart) ?? this.prevClose;
    const soFar = history.liveDaySoFar();
    if (soFar !== undefined) {
      const half = soFar.accTradeVolume.div(2).toDecimalPlaces(8, Dec.ROUND_DOWN);
      this.day = {
        start: dayStart,
        open: soFar.open,
        high: soFar.high,
        low: soFar.low,
        accPrice: soFar.accTradePrice,
        accVolume: soFar.accTradeVolume,
        accAsk: half,
        accBid: soFar.accTradeVolume.minus(half),
      };
      this.dayOpened = true;
      this.earlierDaysExtremes = this.extremesBefore(dayStart);
    }
    let value = 0n;
    let volume = 0n;
    for (const minute of history.minuteAmounts(history.liveFrom - DAY_MS)) {
      this.minuteBuckets.push({ start: minute.start, price: new Dec(`${minute.valueUnits}e-16`), volume: new Dec(`${minute.volumeUnits}e-8`) });
      value += minute.valueUnits;
      volume += minute.volumeUnits;
    }
    this.rolling = { price: new Dec(`${value}e-16`), volume: new Dec(`${volume}e-8`) };
  }

  record(timestamp: number, price: Dec, volume: Dec, askBid: AskBid): TradeRecord {
    const dayStart = utcDayStart(timestamp);
    if (!this.dayOpened || dayStart !== this.day.start) this.rollDay(dayStart, price);
    const trade: TradeRecord = {
      market: this.market,
      timestamp,
      price,
      volume,
      askBid,
      sequentialId: this.nextSequentialId(timestamp),
      prevClosingPrice: this.prevClose,
    };
    this.trades.push(trade);
    if (this.trades.length > this.tradeRetention) this.trades.shift();
    this.last = trade;
    const day = this.day;
    if (price.gt(day.high)) day.high = price;
    if (price.lt(day.low)) day.low = price;
    const funds = price.times(volume);
    day.accPrice = day.accPrice.plus(funds);
    day.accVolume = day.accVolume.plus(volume);
    if (askBid === 'ASK') day.accAsk = day.accAsk.plus(volume);
    else day.accBid = day.accBid.plus(volume);
    this.addToRolling(timestamp, funds, volume);
    for (const series of this.candles.values()) series.record(timestamp, price, volume);
    return trade;
  }

  lastTrade(): TradeRecord | undefined {
    return this.last;
  }

  /** Recent trades, newest first. */
  recentTrades(): readonly TradeRecord[] {
    return [...this.trades].reverse();
  }

  series(key: CandleKey): CandleSeries | undefined {
    return this.candles.get(key);
  }

  ticker(now: number): TickerState | undefined {
    const last = this.last;
    if (last === undefined) return undefined;
    this.evictRolling(now);
    const { high, low } = this.earlierDaysExtremes;
    const day = this.day;
    const highIsToday = high === undefined || day.high.gte(high.price);
    const lowIsToday = low === undefined || day.low.lte(low.price);
    return {
      market: this.market,
      openingPrice: day.open,
      highPrice: day.high,
      lowPrice: day.low,
      tradePrice: last.price,
      prevClosingPrice: this.prevClose,
      tradeVolume: last.volume,
      tradeTimestamp: last.timestamp,
      askBid: last.askBid,
      accTradePrice: day.accPrice,
      accTradeVolume: day.accVolume,
      accAskVolume: day.accAsk,
      accBidVolume: day.accBid,
      accTradePrice24h: this.rolling.price,
      accTradeVolume24h: this.rolling.volume,
      highest52WeekPrice: highIsToday ? day.high : high.price,
      highest52WeekDate: highIsToday ? day.start : high.day,
      lowest52WeekPrice: lowIsToday ? day.low : low.price,
      lowest52WeekDate: lowIsToday ? day.start : low.day,
    };
  }

  private freshDay(start: number, open: Dec): MarketTape['day'] {
    return { start, open, high: open, low: open, accPrice: ZERO, accVolume: ZERO, accAsk: ZERO, accBid: ZERO };
  }

  private rollDay(dayStart: number, openingPrice: Dec): void {
    if (this.last !== undefined) this.prevClose = this.last.price;
    this.day = this.freshDay(dayStart, openingPrice);
    this.dayOpened = true;
    this.earlierDaysExtremes = this.extremesBefore(dayStart);
  }

  /** 52-week extremes of the days before `dayStart`: live day candles, and the history's daily closes. */
  private extremesBefore(dayStart: number): MarketTape['earlierDaysExtremes'] {
    const since = dayStart - 52 * 7 * DAY_MS;
    const fromHistory = this.history?.closeExtremes(since);
    let high: Extreme | undefined = fromHistory?.high;
    let low: Extreme | undefined = fromHistory?.low;
    for (const c of this.candles.get('days')?.all() ?? []) {
      if (c.start < since || c.start >= dayStart) continue;
      if (high === undefined || c.high.gt(high.price)) high = { price: c.high, day: c.start };
      if (low === undefined || c.low.lt(low.price)) low = { price: c.low, day: c.start };
    }
    if (this.history !== undefined && utcDayStart(this.history.liveFrom) < dayStart) {
      // The live start's day began in the history: its earlier part counts too.
      const soFar = this.history.liveDaySoFar();
      if (soFar !== undefined && (high === undefined || soFar.high.gt(high.price))) high = { price: soFar.high, day: soFar.start };
      if (soFar !== undefined && (low === undefined || soFar.low.lt(low.price))) low = { price: soFar.low, day: soFar.start };
    }
    return { high, low };
  }

  /** Unique and increasing per market: trade ms × 1000 + order within that ms. */
  private nextSequentialId(timestamp: number): number {
    if (timestamp === this.lastSeqMs) this.seqInMs++;
    else {
      this.lastSeqMs = timestamp;
      this.seqInMs = 0;
    }
    return timestamp * 1000 + this.seqInMs;
  }

  private addToRolling(timestamp: number, funds: Dec, volume: Dec): void {
    const start = Math.floor(timestamp / 60_000) * 60_000;
    const last = this.minuteBuckets[this.minuteBuckets.length - 1];
    if (last !== undefined && last.start === start) {
      last.price = last.price.plus(funds);
      last.volume = last.volume.plus(volume);
    } else this.minuteBuckets.push({ start, price: funds, volume });
    this.rolling = { price: this.rolling.price.plus(funds), volume: this.rolling.volume.plus(volume) };
    this.evictRolling(timestamp);
  }

  private evictRolling(now: number): void {
    while (this.minuteBuckets.length > 0 && this.minuteBuckets[0].start + 60_000 <= now - DAY_MS) {
      const old = this.minuteBuckets.shift() as MinuteBucket;
      this.rolling = { price: this.rolling.price.minus(old.price), volume: this.rolling.volume.minus(old.volume) };
    }
  }
}
