import { DomainEvent } from '../shared/decider';
import { JsonValue } from '../shared/json-value';
import { OrderDenied } from '../shared/order-denied.event';
import { OrderIntent } from '../shared/order-intent';

export type TradingStarted = DomainEvent<'TradingStarted', { at: number }>;
export type TradingStopped = DomainEvent<'TradingStopped', { at: number }>;
export type TradingHalted = DomainEvent<'TradingHalted', { reason: string; at: number }>;
export type TradingResumed = DomainEvent<'TradingResumed', { at: number }>;
export type ReducingStarted = DomainEvent<'ReducingStarted', { at: number }>;

export type SessionOrderStarted = DomainEvent<'SessionOrderStarted', { orderId: string; intent: OrderIntent; at: number }>;
export type SessionOrderEnded = DomainEvent<'SessionOrderEnded', { orderId: string; at: number }>;

export type ConfigChangeApplied = DomainEvent<'ConfigChangeApplied', { changeId: string; key: string; value: JsonValue; at: number }>;
export type ConfigChangeDeferred = DomainEvent<
  'ConfigChangeDeferred',
  { changeId: string; key: string; value: JsonValue; waitingFor: string[]; at: number }
>;
export type ConfigChangeRefused = DomainEvent<'ConfigChangeRefused', { changeId: string; key: string; reasonCode: string; at: number }>;

export type DatabaseProfileSwitched = DomainEvent<'DatabaseProfileSwitched', { changeId: string; from: string; to: string; at: number }>;
export type DatabaseProfileSwitchDeferred = DomainEvent<
  'DatabaseProfileSwitchDeferred',
  { changeId: string; profile: string; waitingFor: string[]; at: number }
>;
export type DatabaseProfileSwitchRefused = DomainEvent<
  'DatabaseProfileSwitchRefused',
  { changeId: string; profile: string; reasonCode: string; at: number }
>;

export type SessionEvent =
  | TradingStarted
  | TradingStopped
  | TradingHalted
  | TradingResumed
  | ReducingStarted
  | SessionOrderStarted
  | SessionOrderEnded
  | OrderDenied
  | ConfigChangeApplied
  | ConfigChangeDeferred
  | ConfigChangeRefused
  | DatabaseProfileSwitched
  | DatabaseProfileSwitchDeferred
  | DatabaseProfileSwitchRefused;
