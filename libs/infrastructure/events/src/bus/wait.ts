import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';

/** Waits `ms`, or less if `signal` aborts first; never rejects on abort. */
export async function waitUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}

/** Lets timers and I/O callbacks run before continuing (a promise chain alone would starve them). */
export async function yieldToEventLoop(): Promise<void> {
  await nextTurn();
}
