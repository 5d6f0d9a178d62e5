export type { Clock } from './shared/clock';
export { ManualClock } from './shared/manual-clock';
