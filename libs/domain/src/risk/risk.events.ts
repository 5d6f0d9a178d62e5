import { DomainEvent } from '../shared/decider';
import { DecimalString } from '../shared/decimal';
import { OrderDenied } from '../shared/order-denied.event';
import { OrderIntent } from '../shared/order-intent';
import { EntryLock } from './protection-rules';
import { Protections } from './protections';
import { RiskLimits, RiskLimitsSource } from './risk-limits';

/** `source`: absent in events stored before it existed, which count as `configuration` (start-up applied the configuration every time then). */
export type RiskLimitsConfigured = DomainEvent<'RiskLimitsConfigured', { limits: RiskLimits; source?: RiskLimitsSource; at: number }>;
/** `exitReason`: the strategy's close reason of an exit that has one (absent otherwise, and in events stored before it existed). */
export type OrderApproved = DomainEvent<
  'OrderApproved',
  { orderId: string; market: string; intent: OrderIntent; notional: DecimalString; exitReason?: string; at: number }
>;
export type RiskOrderClosed = DomainEvent<'RiskOrderClosed', { orderId: string; at: number }>;
/** Part of a buy traded; its funds move from the order's pending notional to the market's exposure. */
export type BuyFillRecorded = DomainEvent<
  'BuyFillRecorded',
  { orderId: string; market: string; tradeId: string; funds: DecimalString; at: number }
>;
/** `tradeId` (absent in events stored before it was added) is the trade the cost basis now includes. */
export type ExposureRecorded = DomainEvent<'ExposureRecorded', { market: string; costBasis: DecimalString; tradeId?: string; at: number }>;
/**
 * `day` is the trading day of the fill (`filledAt`; absent in events stored before it was added, whose
 * day was the day they were recorded) and `dailyRealizedPnl` that day's total so far. `market` (absent
 * before protections existed) adds the amount to the profit of the trade open there.
 */
export type RealizedPnlRecorded = DomainEvent<
  'RealizedPnlRecorded',
  { day: string; amount: DecimalString; dailyRealizedPnl: DecimalString; filledAt?: number; market?: string; at: number }
>;
export type EquityRecorded = DomainEvent<
  'EquityRecorded',
  { equity: DecimalString; peak: DecimalString; drawdownPercent: DecimalString; at: number }
>;
export type DailyLossLimitBreached = DomainEvent<
  'DailyLossLimitBreached',
  { day: string; dailyRealizedPnl: DecimalString; limit: DecimalString; at: number }
>;
export type DrawdownLimitBreached = DomainEvent<
  'DrawdownLimitBreached',
  { drawdownPercent: DecimalString; limit: DecimalString; at: number }
>;
/** The application answers this by halting the TradingSession (and, for the kill switch, cancelling all). */
export type RiskHaltTriggered = DomainEvent<
  'RiskHaltTriggered',
  { reasonCode: 'max_daily_loss' | 'max_drawdown' | 'kill_switch'; at: number }
>;
export type RiskHaltCleared = DomainEvent<'RiskHaltCleared', { at: number }>;
export type KillSwitchEngaged = DomainEvent<'KillSwitchEngaged', { reason: string; openOrderIds: string[]; at: number }>;
export type KillSwitchReleased = DomainEvent<'KillSwitchReleased', { at: number }>;
export type ProtectionsConfigured = DomainEvent<'ProtectionsConfigured', { protections: Protections; at: number }>;
/** A trade closed (its position went flat), as the protections judge it: net profit, its percent of the buys' cost, the exit's reason. */
export type TradeClosedRecorded = DomainEvent<
  'TradeClosedRecorded',
  { market: string; profit: DecimalString; profitPercent: DecimalString | null; exitReason: string | null; closedAt: number; at: number }
>;
/** A protection locked new entries on one market (`scope: market`, `market` set) or on all (`scope: global`) until `until`. */
export type EntriesLocked = DomainEvent<'EntriesLocked', EntryLock & { at: number }>;
/** A lock ended: its time passed `until`, or its protection was switched off. */
export type EntriesUnlocked = DomainEvent<'EntriesUnlocked', Omit<EntryLock, 'reason'> & { at: number }>;

export type RiskEvent =
  | RiskLimitsConfigured
  | OrderApproved
  | OrderDenied
  | RiskOrderClosed
  | BuyFillRecorded
  | ExposureRecorded
  | RealizedPnlRecorded
  | EquityRecorded
  | DailyLossLimitBreached
  | DrawdownLimitBreached
  | RiskHaltTriggered
  | RiskHaltCleared
  | KillSwitchEngaged
  | KillSwitchReleased
  | ProtectionsConfigured
  | TradeClosedRecorded
  | EntriesLocked
  | EntriesUnlocked;
