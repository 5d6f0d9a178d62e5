/** One order of a run: when it was submitted and when the exchange received it (if it did). */
export interface OrderSample {
  readonly orderId: string;
  readonly submittedAt: number;
  receivedAt?: number;
  /** Trader only: when the admin API answered the POST, and the submission time the trader stored. */
  answeredAt?: number;
  storedAt?: number;
  /** Trader only: when the execution saga stored OrderSendStarted (it took the order to send it). */
  sendStartedAt?: number;
  /** accepted, filled, cancelled, stale, denied, rejected:<reason>, unknown... as the sender saw it. */
  outcome: string;
}

/** One cancel: when it was requested, when the exchange received the DELETE, when it was confirmed. */
export interface CancelSample {
  readonly orderId: string;
  readonly requestedAt: number;
  receivedAt?: number;
  /** Trader only: when it stored OrderCancelRequested. */
  storedAt?: number;
  /** Trader: the order reads `cancelled` in its order API. Baseline: the DELETE was answered. */
  confirmedAt?: number;
}

export interface FlowRun {
  readonly label: string;
  readonly orders: readonly OrderSample[];
  readonly cancels: readonly CancelSample[];
  /** Cancels planned but skipped because no accepted resting order was left to cancel. */
  readonly cancelsSkipped: number;
  readonly tooMany: number;
  readonly blocked: number;
  readonly loadMs: number;
  /** Trader only: orders still submitted or unknown 10 s after the load stopped. */
  readonly unresolvedAfterLoad?: number;
  /** Trader only: events stored but not yet applied by the slowest read model, 5 s after the load stopped. */
  readonly readModelLagEvents?: number;
  readonly readModelLagDetail?: string;
}

export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export function submitToExchangeMs(run: FlowRun): number[] {
  return run.orders.filter((o) => o.receivedAt !== undefined).map((o) => (o.receivedAt as number) - o.submittedAt);
}

/** Trader only: from the submission time the trader stored to the exchange's receipt (what its stale bound limits). */
export function storedToExchangeMs(run: FlowRun): number[] {
  return run.orders.filter((o) => o.receivedAt !== undefined && o.storedAt !== undefined).map((o) => (o.receivedAt as number) - (o.storedAt as number));
}

/** Trader only: the execution saga's OrderSendStarted to the exchange's receipt (the Upbit client's rate-limit wait, mostly). */
export function sendStartedToExchangeMs(run: FlowRun): number[] {
  return run.orders.filter((o) => o.receivedAt !== undefined && o.sendStartedAt !== undefined).map((o) => (o.receivedAt as number) - (o.sendStartedAt as number));
}

/** Trader only: OrderCancelRequested stored to the exchange's receipt of the DELETE. */
export function cancelStoredToExchangeMs(run: FlowRun): number[] {
  return run.cancels.filter((c) => c.receivedAt !== undefined && c.storedAt !== undefined).map((c) => (c.receivedAt as number) - (c.storedAt as number));
}

export function adminAnswerMs(run: FlowRun): number[] {
  return run.orders.filter((o) => o.answeredAt !== undefined).map((o) => (o.answeredAt as number) - o.submittedAt);
}

export function cancelToExchangeMs(run: FlowRun): number[] {
  return run.cancels.filter((c) => c.receivedAt !== undefined).map((c) => (c.receivedAt as number) - c.requestedAt);
}

export function cancelConfirmedMs(run: FlowRun): number[] {
  return run.cancels.filter((c) => c.confirmedAt !== undefined).map((c) => (c.confirmedAt as number) - c.requestedAt);
}

export function outcomeCounts(run: FlowRun): Map<string, number> {
  const counts = new Map<string, number>();
  for (const o of run.orders) counts.set(o.outcome, (counts.get(o.outcome) ?? 0) + 1);
  return counts;
}
