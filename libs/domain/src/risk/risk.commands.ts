import { RiskLimits, RiskLimitsSource } from './risk-limits';
import { Protections } from './protections';

/** Set the limits the risk policy enforces; `source` defaults to `configuration`. */
export interface ConfigureRiskLimits {
  type: 'ConfigureRiskLimits';
  data: { limits: RiskLimits; source?: RiskLimitsSource; at: number };
}
/**
 * Pre-trade check of an order about to be submitted; `notional` is its quote amount (funds, or price x
 * volume). An exit names the strategy's close reason (`stop_loss`, `trailing_stop`, ...) when it has one:
 * the stop-loss guard counts stop-outs by it.
 */
export interface CheckOrder {
  type: 'CheckOrder';
  data: { orderId: string; market: string; intent: string; notional: string; exitReason?: string; at: number };
}
/** Set the protections (validated by the domain; a protection absent is off). */
export interface ConfigureProtections {
  type: 'ConfigureProtections';
  data: { protections: Protections; at: number };
}
/** The position on `market` is flat again: its trade is judged by the protections. `closedAt` is the closing fill's time. */
export interface RecordTradeClosed {
  type: 'RecordTradeClosed';
  data: { market: string; closedAt: number; at: number };
}
export interface RecordOrderClosed {
  type: 'RecordOrderClosed';
  data: { orderId: string; at: number };
}
/**
 * A buy traded `funds` (price x volume): that much of the order's pending notional is now held. It is
 * counted as held until the position reports the same trade (`RecordExposure` with its `tradeId`).
 */
export interface RecordBuyFill {
  type: 'RecordBuyFill';
  data: { orderId: string; market: string; tradeId: string; funds: string; at: number };
}
/** The cost basis now held in a market (from the position projection), after the trade `tradeId`. */
export interface RecordExposure {
  type: 'RecordExposure';
  data: { market: string; costBasis: string; tradeId?: string; at: number };
}
/**
 * PnL realised by a fill, net of fees; negative for a loss. It counts against the day of `filledAt`,
 * and, with its `market`, towards the profit of the trade open there.
 */
export interface RecordRealizedPnl {
  type: 'RecordRealizedPnl';
  data: { amount: string; filledAt: number; market?: string; at: number };
}
/** Account equity (balance plus positions at mark) in the quote currency. */
export interface RecordEquity {
  type: 'RecordEquity';
  data: { equity: string; at: number };
}
export interface ClearRiskHalt {
  type: 'ClearRiskHalt';
  data: { at: number };
}
export interface EngageKillSwitch {
  type: 'EngageKillSwitch';
  data: { reason: string; at: number };
}
export interface ReleaseKillSwitch {
  type: 'ReleaseKillSwitch';
  data: { at: number };
}

export type RiskCommand =
  | ConfigureRiskLimits
  | ConfigureProtections
  | CheckOrder
  | RecordTradeClosed
  | RecordOrderClosed
  | RecordBuyFill
  | RecordExposure
  | RecordRealizedPnl
  | RecordEquity
  | ClearRiskHalt
  | EngageKillSwitch
  | ReleaseKillSwitch;
