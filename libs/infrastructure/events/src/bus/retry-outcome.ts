/** Result of an operator's retry of a parked event. */
export type RetryOutcome = { readonly id: number; readonly status: 'resolved' } | { readonly id: number; readonly status: 'still-parked'; readonly error: string };
