import { setImmediate as nextTurn } from 'node:timers/promises';

/** Lets timers and I/O callbacks run before continuing (a promise chain alone would starve them). */
export async function yieldToEventLoop(): Promise<void> {
  await nextTurn();
}
