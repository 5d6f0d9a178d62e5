/** Strict mode: a measured section held the event loop longer than allowed. */
export class LoopBlockedError extends Error {
  readonly code = 'EVENT_LOOP_BLOCKED';

  constructor(
    readonly where: string,
    readonly owner: string,
    readonly blockedMs: number,
    readonly thresholdMs: number,
  ) {
    super(`${where} (owner ${owner}) blocked the event loop for ${blockedMs.toFixed(1)} ms (limit ${thresholdMs} ms)`);
    this.name = 'LoopBlockedError';
  }
}

/** Strict mode: a loop-bound resource was used from a thread that does not own it, or was never claimed. */
export class ResourceOwnershipError extends Error {
  readonly code = 'RESOURCE_NOT_OWNED';

  constructor(
    readonly resource: string,
    readonly where: string,
    message: string,
  ) {
    super(message);
    this.name = 'ResourceOwnershipError';
  }
}
