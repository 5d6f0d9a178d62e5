import type {
  AssetUpdate,
  ExchangeEventStream,
  MarketDataFeed,
  MarketDataUpdate,
  MarketSubscriptionRequest,
  OrderBookSnapshot,
  OrderUpdate,
  StreamSubscription,
} from '@trader/application';
import type { Clock } from '@trader/domain';
import type { ComponentHealth, KernelComponent, TaskHandle, TaskManager } from '@trader/runtime';
import { JwtAlgorithm, UpbitJwtSigner } from '../auth/jwt-signer';
import { UpbitCredentials } from '../auth/upbit-credentials';
import { DecodedFrame, decodeSimpleFrame } from '../decode/simple-decoders';
import { UpbitRateLimiter } from '../rate-limit/upbit-rate-limiter';
import { SocketOptions, SocketStats, UpbitSocket, defaultSocketOptions } from './upbit-socket';
import { OverflowPolicy, SubscriberBuffer } from './subscriber-buffer';
import { StreamWish, SubscriptionSet, accepts } from './subscription-set';

export type ConnectionName = 'public' | 'private';

export interface StreamManagerOptions {
  /** `wss://api.upbit.com/websocket/v1`, or the simulator's. */
  readonly publicUrl: string;
  /** `wss://api.upbit.com/websocket/v1/private`; without it (or without keys) there is no private stream. */
  readonly privateUrl?: string;
  readonly credentials?: UpbitCredentials;
  readonly jwtAlgorithm?: JwtAlgorithm;
  /** Socket settings of both connections; `silenceBasis` is `data` for public and `any` for private unless set. */
  readonly socket?: Partial<Omit<SocketOptions, 'url' | 'headers'>>;
  /** Default buffer size (messages) of each subscription. */
  readonly bufferSize?: number;
  /** Kernel components this one starts after. */
  readonly dependsOn?: readonly string[];
}

export interface ConnectionStats extends SocketStats {
  readonly gaps: number;
  readonly subscriptionRequests: number;
  readonly consumers: number;
  /** Milliseconds since the last message of any kind, undefined before the first. */
  readonly lastMessageAgeMs: number | undefined;
}

export interface StreamStats {
  readonly connections: Partial<Record<ConnectionName, ConnectionStats>>;
  readonly messagesByType: Readonly<Record<string, number>>;
  readonly decodeErrors: number;
  readonly lastDecodeError?: string;
  readonly serverErrors: number;
  readonly lastServerError?: string;
  /** Over every subscription, open or closed. */
  readonly dropped: number;
  readonly conflated: number;
}

type Delivered = MarketDataUpdate | OrderUpdate | AssetUpdate;

interface Consumer {
  readonly wish: StreamWish;
  readonly buffer: SubscriberBuffer<Delivered>;
}

interface Connection {
  readonly name: ConnectionName;
  readonly socket: UpbitSocket;
  readonly set: SubscriptionSet;
  readonly consumers: Map<number, Consumer>;
  /** Consumers by `type|code` (`type|*` for every market). */
  routes: Map<string, Consumer[]>;
  gapSince: number | undefined;
  everOpened: boolean;
  gaps: number;
  subscriptionRequests: number;
  dirty: boolean;
  sending: boolean;
  sender: TaskHandle | undefined;
}

const DEFAULT_BUFFER = 1_024;
/** Upbit market codes: QUOTE-BASE, upper case (`KRW-BTC`, `USDT-BTC`). */
const MARKET_CODE = /^[A-Z]{2,10}-[A-Z0-9]{1,20}$/;

/**
 * The WebSocket side of the Upbit client: one public and one private connection, shared by every
 * consumer. Each subscribe or close re-sends the merged subscription of that connection (Upbit
 * replaces a connection's subscription with each request), within the message rate limit. Messages
 * arrive in SIMPLE format and are decoded into exact, typed updates and routed to bounded per-consumer
 * buffers. A lost connection is reported to its consumers as a `StreamGap`, and the re-opened and
 * re-subscribed one as `StreamRecovered`.
 */
export class UpbitStreamManager implements KernelComponent, MarketDataFeed, ExchangeEventStream {
  readonly name = 'upbit-websocket';
  readonly dependsOn: readonly string[];
  private readonly connections = new Map<ConnectionName, Connection>();
  private readonly messagesByType: Record<string, number> = {};
  private nextConsumerId = 1;
  private nextTicket = 1;
  private decodeErrors = 0;
  private lastDecodeError: string | undefined;
  private serverErrors = 0;
  private lastServerError: string | undefined;
  private closedDropped = 0;
  private closedConflated = 0;
  private running = false;

  constructor(
    private readonly tasks: TaskManager,
    private readonly limiter: UpbitRateLimiter,
    private readonly clock: Clock,
    private readonly options: StreamManagerOptions,
    private readonly random: () => number = Math.random,
  ) {
    this.dependsOn = options.dependsOn ?? ['upbit-rate-limiter'];
    this.connections.set('public', this.connection('public', options.publicUrl));
    if (options.privateUrl !== undefined && options.credentials !== undefined) {
      const signer = new UpbitJwtSigner(options.credentials, options.jwtAlgorithm ?? 'HS256');
      this.connections.set('private', this.connection('private', options.privateUrl, () => ({ authorization: signer.authorization('') })));
    }
  }

  start(): void {
    this.running = true;
    for (const connection of this.connections.values()) connection.socket.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const connection of this.connections.values()) connection.sender?.abort('stream manager stopped');
    await Promise.all([...this.connections.values()].flatMap((c) => [c.socket.stop(), c.sender?.done ?? Promise.resolve()]));
    for (const connection of this.connections.values()) for (const consumer of [...connection.consumers.values()]) consumer.buffer.close();
  }

  health(): ComponentHealth {
    const down = [...this.connections.values()].filter((c) => c.consumers.size > 0 && !c.socket.isOpen()).map((c) => c.name);
    return down.length === 0 ? { status: 'up' } : { status: 'degraded', detail: `${down.join(', ')} connection down` };
  }

  subscribe(request: MarketSubscriptionRequest): StreamSubscription<MarketDataUpdate> {
    // One malformed wish would make Upbit refuse the merged request of every consumer: refuse it here.
    if (request.markets.length === 0) throw new InvalidSubscriptionError('markets', request.markets, 'at least one market');
    const codes = request.markets.map((m) => m.toUpperCase());
    const malformed = codes.find((code) => !MARKET_CODE.test(code));
    if (malformed !== undefined) throw new InvalidSubscriptionError('markets', malformed, 'a market code like KRW-BTC');
    return this.add(
      'public',
      {
        type: request.kind,
        codes,
        onlySnapshot: request.onlySnapshot ?? false,
        onlyRealtime: request.onlyRealtime ?? false,
        ...(request.depth !== undefined ? { depth: request.depth } : {}),
        ...(request.level !== undefined ? { level: request.level } : {}),
      },
      request.bufferSize,
    ) as StreamSubscription<MarketDataUpdate>;
  }

  subscribeOrders(markets: readonly string[]): StreamSubscription<OrderUpdate> {
    const codes = markets.map((m) => m.toUpperCase());
    const malformed = codes.find((code) => !MARKET_CODE.test(code));
    if (malformed !== undefined) throw new InvalidSubscriptionError('markets', malformed, 'a market code like KRW-BTC');
    return this.add('private', {
      type: 'myOrder',
      codes,
      onlySnapshot: false,
      onlyRealtime: false,
    }) as StreamSubscription<OrderUpdate>;
  }

  subscribeAssets(): StreamSubscription<AssetUpdate> {
    return this.add('private', { type: 'myAsset', codes: [], onlySnapshot: false, onlyRealtime: false }) as StreamSubscription<AssetUpdate>;
  }

  /** Drops a connection as a network failure would: for fault drills and tests. */
  dropConnection(name: ConnectionName, reason = 'dropped on request'): void {
    this.connections.get(name)?.socket.drop(reason);
  }

  stats(): StreamStats {
    const now = this.clock.now();
    const connections: Partial<Record<ConnectionName, ConnectionStats>> = {};
    let dropped = this.closedDropped;
    let conflated = this.closedConflated;
    for (const c of this.connections.values()) {
      const socket = c.socket.stats();
      connections[c.name] = {
        ...socket,
        gaps: c.gaps,
        subscriptionRequests: c.subscriptionRequests,
        consumers: c.consumers.size,
        lastMessageAgeMs: socket.lastMessageAt === undefined ? undefined : now - socket.lastMessageAt,
      };
      for (const consumer of c.consumers.values()) {
        const s = consumer.buffer.stats();
        dropped += s.dropped;
        conflated += s.conflated;
      }
    }
    return {
      connections,
      messagesByType: { ...this.messagesByType },
      decodeErrors: this.decodeErrors,
      ...(this.lastDecodeError !== undefined ? { lastDecodeError: this.lastDecodeError } : {}),
      serverErrors: this.serverErrors,
      ...(this.lastServerError !== undefined ? { lastServerError: this.lastServerError } : {}),
      dropped,
      conflated,
    };
  }

  private connection(name: ConnectionName, url: string, headers?: () => Record<string, string>): Connection {
    const socketOptions: SocketOptions = {
      ...defaultSocketOptions,
      silenceBasis: name === 'public' ? 'data' : 'any',
      ...this.options.socket,
      url,
      ...(headers ? { headers } : {}),
    };
    const connection: Connection = {
      name,
      set: new SubscriptionSet(),
      consumers: new Map(),
      routes: new Map(),
      gapSince: undefined,
      everOpened: false,
      gaps: 0,
      subscriptionRequests: 0,
      dirty: false,
      sending: false,
      sender: undefined,
      socket: new UpbitSocket(
        name,
        this.tasks,
        this.limiter,
        this.clock,
        socketOptions,
        {
          opened: () => this.opened(connection),
          message: (text) => this.received(connection, text),
          closed: (reason) => this.lost(connection, reason),
          expectsData: () => connection.set.size > 0,
        },
        this.random,
      ),
    };
    return connection;
  }

  private add(name: ConnectionName, wishWithoutId: Omit<StreamWish, 'consumerId'>, bufferSize?: number): StreamSubscription<Delivered> {
    const connection = this.connections.get(name);
    if (!connection) throw new StreamUnavailableError(name);
    const id = this.nextConsumerId;
    this.nextConsumerId += 1;
    const wish: StreamWish = { ...wishWithoutId, consumerId: id };
    const capacity = bufferSize ?? this.options.bufferSize ?? DEFAULT_BUFFER;
    const buffer = new SubscriberBuffer<Delivered>(id, capacity, (closedId) => this.remove(connection, closedId), this.overflowPolicy(name, capacity));
    connection.consumers.set(id, { wish, buffer });
    connection.set.add(wish);
    this.reindex(connection);
    if (connection.gapSince !== undefined) {
      buffer.signal({ kind: 'stream-gap', connection: name, since: connection.gapSince, reason: 'connection down' });
    }
    this.resubscribe(connection);
    return buffer;
  }

  /**
   * Public data may be thinned (the next ticker or trade soon follows), but a dropped `myOrder` or
   * `myAsset` update is a fill or a balance we would never learn of: the private consumer gets a gap,
   * and reconciles, as after a lost connection.
   */
  private overflowPolicy(name: ConnectionName, capacity: number): OverflowPolicy {
    if (name === 'public') return { kind: 'drop-oldest' };
    return {
      kind: 'gap',
      gap: () => ({ kind: 'stream-gap', connection: name, since: this.clock.now(), reason: `consumer fell ${capacity} updates behind; queued updates dropped` }),
    };
  }

  private remove(connection: Connection, id: number): void {
    const consumer = connection.consumers.get(id);
    if (!consumer) return;
    const s = consumer.buffer.stats();
    this.closedDropped += s.dropped;
    this.closedConflated += s.conflated;
    connection.consumers.delete(id);
    connection.set.remove(id);
    this.reindex(connection);
    // An empty request is not valid for Upbit; with no consumer left, stray messages are just not routed.
    if (connection.set.size > 0) this.resubscribe(connection);
  }

  private reindex(connection: Connection): void {
    const routes = new Map<string, Consumer[]>();
    for (const consumer of connection.consumers.values()) {
      const codes = consumer.wish.codes.length === 0 ? ['*'] : consumer.wish.codes;
      for (const code of codes) {
        const key = `${consumer.wish.type}|${code}`;
        const list = routes.get(key);
        if (list) list.push(consumer);
        else routes.set(key, [consumer]);
      }
    }
    connection.routes = routes;
  }

  /** Marks the subscription as changed and sends the merged request as soon as the message limit allows. */
  private resubscribe(connection: Connection): void {
    connection.dirty = true;
    if (connection.sending || !this.running || !connection.socket.isOpen()) return;
    connection.sending = true;
    let failed = false;
    const handle = this.tasks.run(`upbit-ws-${connection.name}-subscribe`, 'upbit-websocket', async (signal) => {
      try {
        while (connection.dirty && connection.socket.isOpen() && connection.set.size > 0) {
          const permit = await this.limiter.acquire('websocket-message', { scopeId: connection.name, signal });
          try {
            connection.dirty = false;
            const ticket = `upbit-trader-${connection.name}-${this.nextTicket}`;
            this.nextTicket += 1;
            if (connection.socket.send(connection.set.request(ticket))) {
              connection.subscriptionRequests += 1;
              // A new subscription restarts the silence clock: its first data may take a moment.
              connection.socket.markData(this.clock.now());
            } else connection.dirty = true;
          } finally {
            permit.done();
          }
        }
      } catch (error) {
        failed = true;
        throw error;
      }
    });
    // `done` settles once the task manager has recorded the end of the task, so the next run under the
    // same name cannot collide with this one. A failed send (limiter busy or blocked) waits for the
    // next change or reconnect instead of spinning.
    connection.sender = handle;
    void handle.done.then(() => {
      connection.sending = false;
      connection.sender = undefined;
      if (!failed && connection.dirty && connection.socket.isOpen()) this.resubscribe(connection);
    });
  }

  private opened(connection: Connection): void {
    const now = this.clock.now();
    connection.everOpened = true;
    if (connection.gapSince !== undefined) {
      const recovered = { kind: 'stream-recovered', connection: connection.name, since: connection.gapSince, at: now } as const;
      for (const consumer of connection.consumers.values()) consumer.buffer.signal(recovered);
      connection.gapSince = undefined;
    }
    if (connection.set.size > 0) this.resubscribe(connection);
  }

  private lost(connection: Connection, reason: string): void {
    if (!connection.everOpened || connection.gapSince !== undefined) return;
    const since = this.clock.now();
    connection.gapSince = since;
    connection.gaps += 1;
    const gap = { kind: 'stream-gap', connection: connection.name, since, reason } as const;
    for (const consumer of connection.consumers.values()) consumer.buffer.signal(gap);
  }

  private received(connection: Connection, text: string): void {
    let frame: DecodedFrame;
    try {
      frame = decodeSimpleFrame(text);
    } catch (error) {
      this.decodeErrors += 1;
      this.lastDecodeError = error instanceof Error ? error.message : String(error);
      return;
    }
    switch (frame.kind) {
      case 'status':
      case 'subscriptions':
        return;
      case 'error':
        this.serverErrors += 1;
        this.lastServerError = `${frame.name}: ${frame.message}`;
        return;
      case 'ticker':
      case 'trade':
      case 'orderbook':
        connection.socket.markData(this.clock.now());
        this.count(frame.kind);
        this.route(connection, frame.kind, frame.market, frame.streamType, frame);
        return;
      case 'candle':
        connection.socket.markData(this.clock.now());
        this.count(`candle.${frame.interval}`);
        this.route(connection, `candle.${frame.interval}`, frame.market, frame.streamType, frame);
        return;
      case 'order-update':
        connection.socket.markData(this.clock.now());
        this.count('myOrder');
        this.route(connection, 'myOrder', frame.market, undefined, frame);
        return;
      case 'asset-update':
        connection.socket.markData(this.clock.now());
        this.count('myAsset');
        this.route(connection, 'myAsset', '*', undefined, frame);
        return;
    }
  }

  private route(connection: Connection, type: string, market: string, streamType: 'SNAPSHOT' | 'REALTIME' | undefined, message: Delivered): void {
    const direct = connection.routes.get(`${type}|${market}`);
    const wildcard = market === '*' ? undefined : connection.routes.get(`${type}|*`);
    const key = conflationKey(message);
    for (const list of [direct, wildcard]) {
      if (!list) continue;
      for (const consumer of list) {
        if (!accepts(consumer.wish, streamType)) continue;
        consumer.buffer.push(trimDepth(message, consumer.wish.depth), key);
      }
    }
  }

  private count(type: string): void {
    this.messagesByType[type] = (this.messagesByType[type] ?? 0) + 1;
  }
}

/** Snapshots that a newer one makes worthless: ticker and order book per market, candles per period. */
function conflationKey(message: Delivered): string | undefined {
  switch (message.kind) {
    case 'ticker':
    case 'orderbook':
      return `${message.kind}|${message.market}`;
    case 'candle':
      return `candle.${message.interval}|${message.market}|${message.candleDateTimeUtc}`;
    default:
      return undefined;
  }
}

function trimDepth(message: Delivered, depth: number | undefined): Delivered {
  if (message.kind !== 'orderbook' || depth === undefined || message.units.length <= depth) return message;
  const trimmed: OrderBookSnapshot = { ...message, units: message.units.slice(0, depth) };
  return trimmed;
}

/** A subscription that Upbit would refuse (and with it the merged request of every consumer). */
export class InvalidSubscriptionError extends Error {
  readonly code = 'UPBIT_INVALID_SUBSCRIPTION';

  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`Invalid subscription ${field}: expected ${expected}, got ${JSON.stringify(value)}`);
    this.name = 'InvalidSubscriptionError';
  }
}

/** A private stream was asked for, but no private URL or no API keys were configured. */
export class StreamUnavailableError extends Error {
  readonly code = 'UPBIT_STREAM_UNAVAILABLE';

  constructor(readonly connection: ConnectionName) {
    super(`The ${connection} Upbit stream is not configured (private streams need a URL and API keys)`);
    this.name = 'StreamUnavailableError';
  }
}
