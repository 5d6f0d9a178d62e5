/** One order request as the simulator received it, and what (if anything) it answered. */
export interface LoggedRequest {
  /** Order of receipt, from 1; gaps at the start mean older entries were dropped. */
  readonly seq: number;
  readonly method: string;
  /** The path as sent, with its `/v1` prefix (e.g. `/v1/orders`). */
  readonly path: string;
  /** The order's client identifier (`new_identifier` for cancel_and_new), or the one a cancel names. */
  identifier: string | undefined;
  /** The order uuid a cancel names. */
  uuid: string | undefined;
  /**
   * The access key the request's token names (read, not verified, at receipt): which client sent it,
   * when the clients of one account use key pairs of their own.
   */
  readonly accessKey: string | undefined;
  /** Simulator time of receipt (ms since the epoch). */
  readonly receivedAt: number;
  /** The HTTP status answered; null while unanswered (an injected time-out never answers). */
  status: number | null;
  answered: boolean;
}

/** Order creations, order tests and single cancels: the requests whose repetition a test must see. */
const LOGGED_REQUESTS: ReadonlySet<string> = new Set(['POST /v1/orders', 'POST /v1/orders/test', 'POST /v1/orders/cancel_and_new', 'DELETE /v1/order']);

export function isLoggedRequest(method: string, path: string): boolean {
  return LOGGED_REQUESTS.has(`${method} ${path}`);
}

/** An order identifier the simulator received in more than one POST /v1/orders, per access key. */
export interface OrderSentTwice {
  readonly identifier: string;
  readonly byAccessKey: Readonly<Record<string, number>>;
}

export interface RequestFilter {
  readonly method?: string;
  readonly path?: string;
}

/**
 * The order requests the simulator received (creations, tests and cancels), newest `capacity` kept.
 * It exists so a test can count what a client sent, independently of what the exchange accepted:
 * the exchange refuses a second request with a used identifier, so its order list alone can never
 * show that a client sent an order twice.
 */
export class RequestLog {
  private readonly entries: LoggedRequest[] = [];
  private nextSeq = 1;
  private droppedCount = 0;

  constructor(readonly capacity: number) {}

  /** Logs a request at receipt; its identifier and status are filled in as they become known. */
  received(method: string, path: string, receivedAt: number, accessKey?: string): LoggedRequest {
    const entry: LoggedRequest = { seq: this.nextSeq++, method, path, identifier: undefined, uuid: undefined, accessKey, receivedAt, status: null, answered: false };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) {
      this.entries.shift();
      this.droppedCount += 1;
    }
    return entry;
  }

  /** Records which order a request names, once its parameters are read. */
  identify(entry: LoggedRequest, params: Readonly<Record<string, unknown>>): void {
    const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
    entry.identifier = text(entry.path === '/v1/orders/cancel_and_new' ? params['new_identifier'] : params['identifier']);
    entry.uuid = text(params['uuid']);
  }

  /** Records the status of the answer, at the moment it is written. */
  answered(entry: LoggedRequest, status: number): void {
    entry.status = status;
    entry.answered = true;
  }

  list(filter: RequestFilter = {}): LoggedRequest[] {
    const method = filter.method?.toUpperCase();
    return this.entries.filter((e) => (method === undefined || e.method === method) && (filter.path === undefined || e.path === filter.path)).map((e) => ({ ...e }));
  }

  /** POST /v1/orders requests per identifier, answered or not, accepted or refused. */
  orderPostCounts(): Record<string, number> {
    const counts = new Map<string, number>();
    for (const entry of this.entries) {
      if (entry.method !== 'POST' || entry.path !== '/v1/orders' || entry.identifier === undefined) continue;
      counts.set(entry.identifier, (counts.get(entry.identifier) ?? 0) + 1);
    }
    return Object.fromEntries(counts);
  }

  /**
   * Every identifier POSTed to /v1/orders more than once, answered or not, accepted or refused, with
   * how often each access key sent it. Empty when no order was sent twice: with the clients of one
   * account on key pairs of their own, an identifier sent by two clients shows here under both keys.
   */
  ordersSentTwice(): OrderSentTwice[] {
    const senders = new Map<string, Map<string, number>>();
    for (const entry of this.entries) {
      if (entry.method !== 'POST' || entry.path !== '/v1/orders' || entry.identifier === undefined) continue;
      const byKey = senders.get(entry.identifier) ?? new Map<string, number>();
      const key = entry.accessKey ?? '(no access key)';
      byKey.set(key, (byKey.get(key) ?? 0) + 1);
      senders.set(entry.identifier, byKey);
    }
    return [...senders]
      .filter(([, byKey]) => [...byKey.values()].reduce((sum, count) => sum + count, 0) > 1)
      .map(([identifier, byKey]) => ({ identifier, byAccessKey: Object.fromEntries(byKey) }));
  }

  /** How many entries were dropped to stay within `capacity`. */
  get dropped(): number {
    return this.droppedCount;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
