import { RiskLimits } from './risk-limits';

export interface ConfigureRiskLimits {
  type: 'ConfigureRiskLimits';
  data: { limits: RiskLimits; at: number };
}
/** Pre-trade check of an order about to be submitted; `notional` is its quote amount (funds, or price x volume). */
export interface CheckOrder {
  type: 'CheckOrder';
  data: { orderId: string; market: string; intent: string; notional: string; at: number };
}
export interface RecordOrderClosed {
  type: 'RecordOrderClosed';
  data: { orderId: string; at: number };
}
/** The cost basis now held in a market (from the position projection). */
export interface RecordExposure {
  type: 'RecordExposure';
  data: { market: string; costBasis: string; at: number };
}
/** PnL realised by a fill, net of fees; negative for a loss. */
export interface RecordRealizedPnl {
  type: 'RecordRealizedPnl';
  data: { amount: string; at: number };
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
  | CheckOrder
  | RecordOrderClosed
  | RecordExposure
  | RecordRealizedPnl
  | RecordEquity
  | ClearRiskHalt
  | EngageKillSwitch
  | ReleaseKillSwitch;
