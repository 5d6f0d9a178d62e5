export type { Clock } from './shared/clock';
export type { Decider, DomainEvent } from './shared/decider';
export { ManualClock } from './shared/manual-clock';
