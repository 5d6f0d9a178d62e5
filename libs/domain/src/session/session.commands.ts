import { JsonValue } from '../shared/json-value';

export interface StartTrading {
  type: 'StartTrading';
  data: { at: number };
}
export interface StopTrading {
  type: 'StopTrading';
  data: { at: number };
}
export interface HaltTrading {
  type: 'HaltTrading';
  data: { reason: string; at: number };
}
export interface ResumeTrading {
  type: 'ResumeTrading';
  data: { at: number };
}
export interface StartReducing {
  type: 'StartReducing';
  data: { at: number };
}
/**
 * An order (or a cancel) is about to leave: the session allows it or denies it by its mode.
 * `blockedBy` names a condition outside the session's own state that holds every order back (our
 * records not yet reconciled with the exchange): the order is denied with it as the reason, exits too.
 */
export interface BeginOrder {
  type: 'BeginOrder';
  data: { orderId: string; intent: string; at: number; blockedBy?: string };
}
/** The order is resolved (accepted and done with, rejected, cancelled): it no longer holds changes back. */
export interface EndOrder {
  type: 'EndOrder';
  data: { orderId: string; at: number };
}
/** `urgent`: apply now or refuse, never defer. */
export interface RequestConfigChange {
  type: 'RequestConfigChange';
  data: { changeId: string; key: string; value: JsonValue; urgent: boolean; at: number };
}
export interface RequestDatabaseProfileSwitch {
  type: 'RequestDatabaseProfileSwitch';
  data: { changeId: string; profile: string; urgent: boolean; at: number };
}

export type SessionCommand =
  | StartTrading
  | StopTrading
  | HaltTrading
  | ResumeTrading
  | StartReducing
  | BeginOrder
  | EndOrder
  | RequestConfigChange
  | RequestDatabaseProfileSwitch;
