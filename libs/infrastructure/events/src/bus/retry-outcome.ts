import type { ParkedRetryOutcome } from '@trader/application';

/** Result of an operator's retry of a parked event. */
export type RetryOutcome = ParkedRetryOutcome;
