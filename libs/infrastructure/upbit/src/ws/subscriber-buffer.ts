import type { StreamGap, StreamSignal, StreamSubscription, SubscriptionStats } from '@trader/application';

interface Entry<T> {
  value: T | StreamSignal;
  /** Set for snapshots that a newer one of the same market may replace while still queued. */
  readonly conflationKey?: string;
}

/**
 * What a full buffer does with one more message. `drop-oldest` suits public data, where the next
 * message soon says the same. `gap` suits our own orders and balances, where a lost update is lost
 * money unless reconciled: the consumer is told with a `StreamGap` from `gap()`.
 */
export type OverflowPolicy = { readonly kind: 'drop-oldest' } | { readonly kind: 'gap'; readonly gap: () => StreamGap };

/**
 * One consumer's bounded inbox. The producer (the socket) never waits: a snapshot replaces the queued
 * snapshot of the same market (conflation), and when the buffer is full the overflow policy decides:
 * drop the oldest data message, or signal a gap. Either way what is dropped is counted. Gap and
 * recovery signals are never dropped.
 */
export class SubscriberBuffer<T> implements StreamSubscription<T> {
  private entries: Entry<T>[] = [];
  private head = 0;
  private readonly queuedSnapshots = new Map<string, Entry<T>>();
  private reader: ((value: T | StreamSignal | undefined) => void) | undefined;
  private closed = false;
  /** Data messages queued (signals are not counted against the capacity). */
  private queuedData = 0;
  private delivered = 0;
  private conflated = 0;
  private dropped = 0;

  constructor(
    readonly id: number,
    private readonly capacity: number,
    private readonly onClose: (id: number) => void,
    private readonly overflow: OverflowPolicy = { kind: 'drop-oldest' },
  ) {}

  /** Hands a message to the consumer, or queues it within the bounds described above. */
  push(value: T, conflationKey?: string): void {
    if (this.closed) return;
    if (this.reader) {
      this.handOver(value);
      return;
    }
    if (conflationKey !== undefined) {
      const queued = this.queuedSnapshots.get(conflationKey);
      if (queued) {
        queued.value = value;
        this.conflated += 1;
        return;
      }
    }
    if (this.queuedData >= this.capacity) {
      if (this.overflow.kind === 'gap') this.dropAllDataForGap(this.overflow.gap());
      else this.dropOldestData();
    }
    const entry: Entry<T> = conflationKey !== undefined ? { value, conflationKey } : { value };
    if (conflationKey !== undefined) this.queuedSnapshots.set(conflationKey, entry);
    this.entries.push(entry);
    this.queuedData += 1;
  }

  /** Queues a gap or recovery signal; consecutive identical kinds collapse into the first. */
  signal(value: StreamSignal): void {
    if (this.closed) return;
    if (this.reader) {
      this.handOver(value);
      return;
    }
    const last = this.entries[this.entries.length - 1];
    if (this.size() > 0 && last && isSignal(last.value) && last.value.kind === value.kind) return;
    this.entries.push({ value });
  }

  next(): Promise<T | StreamSignal | undefined> {
    if (this.size() > 0) {
      const entry = this.entries[this.head];
      this.head += 1;
      if (entry.conflationKey !== undefined && this.queuedSnapshots.get(entry.conflationKey) === entry) {
        this.queuedSnapshots.delete(entry.conflationKey);
      }
      this.compact();
      if (!isSignal(entry.value)) {
        this.delivered += 1;
        this.queuedData -= 1;
      }
      return Promise.resolve(entry.value);
    }
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.reader = resolve;
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.entries = [];
    this.head = 0;
    this.queuedData = 0;
    this.queuedSnapshots.clear();
    const reader = this.reader;
    this.reader = undefined;
    reader?.(undefined);
    this.onClose(this.id);
  }

  isClosed(): boolean {
    return this.closed;
  }

  stats(): SubscriptionStats {
    return { delivered: this.delivered, conflated: this.conflated, dropped: this.dropped, buffered: this.size() };
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T | StreamSignal> {
    for (;;) {
      const value = await this.next();
      if (value === undefined) return;
      yield value;
    }
  }

  private handOver(value: T | StreamSignal): void {
    const reader = this.reader;
    this.reader = undefined;
    if (!isSignal(value)) this.delivered += 1;
    reader?.(value);
  }

  private size(): number {
    return this.entries.length - this.head;
  }

  private dropOldestData(): void {
    for (let i = this.head; i < this.entries.length; i += 1) {
      const entry = this.entries[i];
      if (isSignal(entry.value)) continue;
      this.entries.splice(i, 1);
      this.queuedData -= 1;
      if (entry.conflationKey !== undefined && this.queuedSnapshots.get(entry.conflationKey) === entry) {
        this.queuedSnapshots.delete(entry.conflationKey);
      }
      this.dropped += 1;
      return;
    }
  }

  /**
   * The consumer reconciles on the gap and so re-reads the truth from the exchange: the queued updates
   * it would otherwise replay are stale by then, and keeping them would make the buffer unbounded.
   */
  private dropAllDataForGap(gap: StreamGap): void {
    this.dropped += this.queuedData;
    this.entries = this.entries.slice(this.head).filter((entry) => isSignal(entry.value));
    this.head = 0;
    this.queuedData = 0;
    this.queuedSnapshots.clear();
    this.signal(gap);
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    if (this.head === this.entries.length) {
      this.entries = [];
      this.head = 0;
    }
  }
}

function isSignal(value: unknown): value is StreamSignal {
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'stream-gap' || kind === 'stream-recovered';
}
