/**
 * Milliseconds on the system's monotonic clock (CLOCK_MONOTONIC on Linux): the same clock in every
 * process of the machine, so a writer process's acknowledgement and the reader's "seen" compare.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Waits `ms`, and at least until the next turn of the event loop: a writer that is behind its schedule
 * still lets the rest of its process run between two appends, as commands arriving from I/O do
 * (a loop of appends chained by microtasks alone would starve the dispatcher's lanes).
 */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
}
