import { BackpressureError, DelegatingEventStore, ORDER_AGGREGATE } from '@trader/application';
import type { AppendOptions, AppendResult, EventStore, ExpectedVersion, NewEvent, StreamAppend } from '@trader/application';

/** The lane a refusal names, so a log line tells an injected fault from a real full lane. */
export const RECORD_AFTER_POST_LANE = 'injected-fault:record-after-post';

/**
 * The "recording failed after the POST" fault (`TRADER_FAULTS=record-after-post:<p>`), wrapped around
 * the store the order repository writes through. The first time this process appends an order's
 * OrderAccepted (the exchange has the order: whoever records it first, the execution saga with the
 * POST's answer, the private stream's myOrder, or a lookup), the append is refused with probability
 * `p` by a BackpressureError, exactly as a full lane refuses it: nothing is written. One draw per order
 * and process, so the next attempt records the order.
 */
export class RecordAfterPostFaultStore extends DelegatingEventStore {
  private readonly drawn = new Set<string>();

  constructor(
    inner: EventStore,
    private readonly probability: number,
    private readonly random: () => number,
    private readonly onInjected: (orderId: string) => void,
  ) {
    super(inner);
  }

  override append(streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    if (this.refuses(streamId, events)) return Promise.reject(new BackpressureError(RECORD_AFTER_POST_LANE, 0, 0));
    return this.inner.append(streamId, expectedVersion, events, options);
  }

  override appendBatch(appends: readonly StreamAppend[], options?: AppendOptions): Promise<{ readonly results: readonly AppendResult[] }> {
    if (appends.some((part) => this.refuses(part.streamId, part.events))) return Promise.reject(new BackpressureError(RECORD_AFTER_POST_LANE, 0, 0));
    return this.inner.appendBatch(appends, options);
  }

  private refuses(streamId: string, events: readonly NewEvent[]): boolean {
    const prefix = `${ORDER_AGGREGATE}-`;
    if (!streamId.startsWith(prefix) || this.drawn.has(streamId)) return false;
    if (!events.some((event) => event.type === 'OrderAccepted')) return false;
    this.drawn.add(streamId);
    if (this.random() >= this.probability) return false;
    this.onInjected(streamId.slice(prefix.length));
    return true;
  }
}
