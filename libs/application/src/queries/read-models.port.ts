/**
 * The read models the queries answer from. They are projections of the event store (rebuildable at any
 * time); the infrastructure implements them on SQLite. Amounts are decimal strings, times epoch ms.
 */
export interface OrderView {
  readonly orderId: string;
  readonly market: string;
  readonly side: string;
  readonly orderType: string;
  readonly timeInForce: string;
  readonly status: string;
  readonly price: string | null;
  readonly volume: string | null;
  readonly funds: string | null;
  readonly executedVolume: string;
  readonly executedFunds: string;
  readonly paidFee: string;
  readonly exchangeOrderId: string | null;
  /** Why the exchange rejected it, or why its outcome was unknown. */
  readonly reason: string | null;
  readonly correlationId: string | null;
  readonly submittedAt: number;
  readonly updatedAt: number;
}

export interface OrderFilter {
  readonly market?: string;
  readonly status?: string;
  /** Only orders that are not closed (submitted, unknown, accepted, partially filled, pending cancel). */
  readonly openOnly?: boolean;
  /** Newest first; default 100. */
  readonly limit?: number;
}

export interface PositionView {
  readonly market: string;
  readonly quantity: string;
  readonly averageEntryPrice: string;
  readonly costBasis: string;
  readonly realizedPnl: string;
  readonly fees: string;
  readonly updatedAt: number;
}

/** Realised PnL of one UTC day, gross of fees, with the fees apart. */
export interface DailyPnl {
  readonly day: string;
  readonly realizedPnl: string;
  readonly fees: string;
  readonly fills: number;
}

export interface StrategySummary {
  readonly strategyId: string;
  readonly name: string;
  readonly version: number;
  readonly enabled: boolean;
  readonly markets: readonly string[];
  readonly timeframe: string;
  readonly updatedAt: number;
}

export interface TradingReadModels {
  orders(filter: OrderFilter): Promise<OrderView[]>;
  order(orderId: string): Promise<OrderView | null>;
  positions(): Promise<PositionView[]>;
  /** Days with fills in [from, to] (UTC dates, inclusive), oldest first. */
  dailyPnl(from: string, to: string): Promise<DailyPnl[]>;
  strategies(): Promise<StrategySummary[]>;
}

export const TRADING_READ_MODELS = Symbol('TRADING_READ_MODELS');
