import type { AssetUpdate, ExchangeEventStream, MarketDataFeed, MarketDataUpdate, MarketStreamKind, MarketSubscriptionRequest, OrderUpdate, StreamSignal, StreamSubscription, SubscriptionStats } from '@trader/application';

/** A public market stream by its kind (`trade`, `ticker`, ...), or a private one. */
type Kind = MarketStreamKind | 'orders' | 'assets';

/** A subscription whose reads a test can make fail, as a connection that broke under its reader. */
class BreakableSubscription<T> implements StreamSubscription<T> {
  private reader: { resolve: (value: T | StreamSignal | undefined) => void; reject: (error: Error) => void } | undefined;
  private closed = false;
  private broken: Error | undefined;
  private readonly queued: T[] = [];

  constructor(
    readonly id: number,
    readonly kind: Kind,
    private readonly onClose: (subscription: BreakableSubscription<T>) => void,
  ) {}

  next(): Promise<T | StreamSignal | undefined> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.queued.length > 0) return Promise.resolve(this.queued.shift());
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => (this.reader = { resolve, reject }));
  }

  push(message: T): void {
    if (this.reader) {
      this.reader.resolve(message);
      this.reader = undefined;
    } else {
      this.queued.push(message);
    }
  }

  breakWith(error: Error): void {
    this.broken = error;
    this.reader?.reject(error);
    this.reader = undefined;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.reader?.resolve(undefined);
    this.reader = undefined;
    this.onClose(this);
  }

  stats(): SubscriptionStats {
    return { delivered: 0, conflated: 0, dropped: 0, buffered: 0 };
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T | StreamSignal> {
    for (;;) {
      const value = await this.next();
      if (value === undefined) return;
      yield value;
    }
  }
}

/**
 * The exchange's streams for app tests that break a feed: `push(kind, message)` delivers what the test
 * says, and `break(kind)` makes every open subscription of that kind fail its read (a fault we
 * inject), so the loop reading it dies. `opened(kind)` counts subscriptions, to see a loop come back.
 */
export class BreakableStreams implements MarketDataFeed, ExchangeEventStream {
  private readonly open = new Set<BreakableSubscription<unknown>>();
  private readonly counts = new Map<Kind, number>();
  private ids = 0;

  subscribe(request: MarketSubscriptionRequest): StreamSubscription<MarketDataUpdate> {
    return this.subscription<MarketDataUpdate>(request.kind);
  }

  subscribeOrders(): StreamSubscription<OrderUpdate> {
    return this.subscription<OrderUpdate>('orders');
  }

  subscribeAssets(): StreamSubscription<AssetUpdate> {
    return this.subscription<AssetUpdate>('assets');
  }

  opened(kind: Kind): number {
    return this.counts.get(kind) ?? 0;
  }

  /** Hands `message` to every open subscription of that kind, as the exchange pushing it. */
  push(kind: Kind, message: unknown): void {
    for (const subscription of this.open) if (subscription.kind === kind) subscription.push(message);
  }

  break(kind: Kind): void {
    for (const subscription of [...this.open]) if (subscription.kind === kind) subscription.breakWith(new Error(`${kind} stream broken by the test`));
  }

  private subscription<T>(kind: Kind): StreamSubscription<T> {
    this.counts.set(kind, this.opened(kind) + 1);
    const subscription = new BreakableSubscription<T>((this.ids += 1), kind, (s) => this.open.delete(s as BreakableSubscription<unknown>));
    this.open.add(subscription as BreakableSubscription<unknown>);
    return subscription;
  }
}
