import type { Dec } from '@trader/domain';

/** Whether a message is the first state sent on subscribe or a live change. */
export type StreamType = 'SNAPSHOT' | 'REALTIME';
export type PriceChange = 'RISE' | 'EVEN' | 'FALL';
export type AskBid = 'ASK' | 'BID';
export type CandleInterval = '1s' | '1m' | '3m' | '5m' | '10m' | '15m' | '30m' | '60m' | '240m';
export type MarketStreamKind = 'ticker' | 'trade' | 'orderbook' | `candle.${CandleInterval}`;

export interface TickerUpdate {
  readonly kind: 'ticker';
  readonly market: string;
  readonly openingPrice: Dec;
  readonly highPrice: Dec;
  readonly lowPrice: Dec;
  readonly tradePrice: Dec;
  readonly prevClosingPrice: Dec;
  readonly change: PriceChange;
  readonly changePrice: Dec;
  readonly signedChangePrice: Dec;
  readonly changeRate: Dec;
  readonly signedChangeRate: Dec;
  readonly tradeVolume: Dec;
  readonly accTradeVolume: Dec;
  readonly accTradeVolume24h: Dec;
  readonly accTradePrice: Dec;
  readonly accTradePrice24h: Dec;
  readonly askBid?: AskBid;
  readonly tradeTimestamp: number;
  readonly timestamp: number;
  readonly streamType: StreamType;
}

export interface TradeTick {
  readonly kind: 'trade';
  readonly market: string;
  readonly price: Dec;
  readonly volume: Dec;
  readonly askBid: AskBid;
  readonly prevClosingPrice?: Dec;
  readonly change?: PriceChange;
  readonly changePrice?: Dec;
  /** Upbit's per-market trade sequence: the key for de-duplication and REST back-fill. */
  readonly sequentialId: number;
  readonly bestAskPrice?: Dec;
  readonly bestAskSize?: Dec;
  readonly bestBidPrice?: Dec;
  readonly bestBidSize?: Dec;
  readonly tradeTimestamp: number;
  readonly timestamp: number;
  readonly streamType: StreamType;
}

export interface OrderBookLevel {
  readonly askPrice: Dec;
  readonly askSize: Dec;
  readonly bidPrice: Dec;
  readonly bidSize: Dec;
}

/** A full top-N snapshot of one market's book (Upbit never sends deltas). */
export interface OrderBookSnapshot {
  readonly kind: 'orderbook';
  readonly market: string;
  readonly totalAskSize: Dec;
  readonly totalBidSize: Dec;
  readonly units: readonly OrderBookLevel[];
  readonly level?: Dec;
  readonly timestamp: number;
  readonly streamType: StreamType;
}

export interface CandleUpdate {
  readonly kind: 'candle';
  readonly interval: CandleInterval;
  readonly market: string;
  /** `YYYY-MM-DDTHH:mm:ss` in UTC, as Upbit sends it. */
  readonly candleDateTimeUtc: string;
  readonly openingPrice: Dec;
  readonly highPrice: Dec;
  readonly lowPrice: Dec;
  readonly tradePrice: Dec;
  readonly accTradeVolume: Dec;
  readonly accTradePrice: Dec;
  readonly timestamp: number;
  readonly streamType: StreamType;
}

export type MarketDataUpdate = TickerUpdate | TradeTick | OrderBookSnapshot | CandleUpdate;

/**
 * Updates may have been missed since `since`: the connection behind a stream went away, or a private
 * subscriber fell a full buffer behind. Orders are reconciled, trades are back-filled from REST by
 * `sequentialId`.
 */
export interface StreamGap {
  readonly kind: 'stream-gap';
  readonly connection: 'public' | 'private';
  readonly since: number;
  readonly reason: string;
}

/** The connection is back and the subscription was re-sent; updates flow again from `at`. */
export interface StreamRecovered {
  readonly kind: 'stream-recovered';
  readonly connection: 'public' | 'private';
  readonly since: number;
  readonly at: number;
}

export type StreamSignal = StreamGap | StreamRecovered;

/** What one subscription has seen; drops are counted, never silent. */
export interface SubscriptionStats {
  readonly delivered: number;
  /** Older snapshots replaced by a newer one of the same market while the consumer was behind. */
  readonly conflated: number;
  /** Messages dropped because the consumer's buffer was full. */
  readonly dropped: number;
  readonly buffered: number;
}

/**
 * A live subscription, read with `for await`. A slow reader never grows memory without bound: its
 * buffer is bounded, snapshots (ticker, order book) are conflated per market, and what is dropped is
 * counted in `stats()`; a private subscription also announces it with a `StreamGap`. Iteration ends
 * after `close()`.
 */
export interface StreamSubscription<T> extends AsyncIterable<T | StreamSignal> {
  readonly id: number;
  /** The next message, or `undefined` once the subscription is closed. */
  next(): Promise<T | StreamSignal | undefined>;
  close(): void;
  stats(): SubscriptionStats;
}

export interface MarketSubscriptionRequest {
  readonly kind: MarketStreamKind;
  readonly markets: readonly string[];
  /** Only the snapshot sent on subscribe, no live updates. */
  readonly onlySnapshot?: boolean;
  /** Only live updates, no snapshot on subscribe. */
  readonly onlyRealtime?: boolean;
  /** Order book only: number of levels (1, 5, 15 or 30; 30 by default). */
  readonly depth?: 1 | 5 | 15 | 30;
  /** Order book only, KRW markets: price grouping unit (Upbit `level`). */
  readonly level?: string;
  /** Buffer size of this subscription (messages). */
  readonly bufferSize?: number;
}

export interface MarketInfo {
  readonly market: string;
  readonly koreanName: string;
  readonly englishName: string;
  readonly warning?: boolean;
}

export type CandleUnit =
  | { readonly unit: 'seconds' }
  | { readonly unit: 'minutes'; readonly minutes: 1 | 3 | 5 | 10 | 15 | 30 | 60 | 240 }
  | { readonly unit: 'days' | 'weeks' | 'months' | 'years' };

export interface CandleQuery {
  readonly market: string;
  readonly candle: CandleUnit;
  /** Exclusive end, epoch ms; newest candles when omitted. */
  readonly to?: number;
  readonly count?: number;
}

export interface Candle {
  readonly market: string;
  readonly candleDateTimeUtc: string;
  readonly candleDateTimeKst: string;
  readonly openingPrice: Dec;
  readonly highPrice: Dec;
  readonly lowPrice: Dec;
  readonly tradePrice: Dec;
  readonly timestamp: number;
  readonly accTradePrice: Dec;
  readonly accTradeVolume: Dec;
}

export interface TradesQuery {
  readonly market: string;
  readonly count?: number;
  /** Page backwards from this `sequentialId` (exclusive). */
  readonly cursor?: number;
  readonly to?: string;
  readonly daysAgo?: number;
}

export interface HistoricalTrade {
  readonly market: string;
  readonly tradeDateUtc: string;
  readonly tradeTimeUtc: string;
  readonly timestamp: number;
  readonly price: Dec;
  readonly volume: Dec;
  readonly prevClosingPrice: Dec;
  readonly changePrice: Dec;
  readonly askBid: AskBid;
  readonly sequentialId: number;
}

export interface TickerSnapshot {
  readonly market: string;
  readonly openingPrice: Dec;
  readonly highPrice: Dec;
  readonly lowPrice: Dec;
  readonly tradePrice: Dec;
  readonly prevClosingPrice: Dec;
  readonly change: PriceChange;
  readonly changePrice: Dec;
  readonly changeRate: Dec;
  readonly signedChangePrice: Dec;
  readonly signedChangeRate: Dec;
  readonly tradeVolume: Dec;
  readonly accTradePrice: Dec;
  readonly accTradePrice24h: Dec;
  readonly accTradeVolume: Dec;
  readonly accTradeVolume24h: Dec;
  readonly tradeTimestamp: number;
  readonly timestamp: number;
}

export interface OrderBookQuery {
  readonly markets: readonly string[];
  readonly level?: string;
  readonly count?: number;
}

export interface MarketInstrument {
  readonly market: string;
  readonly quoteCurrency: string;
  readonly tickSize: Dec;
  readonly supportedLevels: readonly Dec[];
}
