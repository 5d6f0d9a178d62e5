import { DomainEvent } from '../shared/decider';
import { StrategyDefinition } from './strategy-definition';

export type StrategyDefined = DomainEvent<'StrategyDefined', { definition: StrategyDefinition; at: number }>;
export type StrategyRevised = DomainEvent<'StrategyRevised', { definition: StrategyDefinition; previousVersion: number; at: number }>;
/** A revision waits for the strategy's open positions (`waitingFor`: their markets) to close. */
export type StrategyRevisionDeferred = DomainEvent<
  'StrategyRevisionDeferred',
  { definition: StrategyDefinition; previousVersion: number; waitingFor: string[]; at: number }
>;
export type StrategyEnabled = DomainEvent<'StrategyEnabled', { strategyId: string; version: number; at: number }>;
export type StrategyDisabled = DomainEvent<'StrategyDisabled', { strategyId: string; version: number; at: number }>;

export type StrategyEvent = StrategyDefined | StrategyRevised | StrategyRevisionDeferred | StrategyEnabled | StrategyDisabled;
