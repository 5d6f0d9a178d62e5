import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { RawData, WebSocket, WebSocketServer } from 'ws';
import { JwtVerifier, claimedAccessKey } from '../auth/jwt-verifier';
import { SimClock, SimTimer } from '../clock/sim-clock';
import { Holding } from '../engine/accounts';
import { Exchange } from '../engine/exchange';
import { ExchangeListener, MyOrderEvent } from '../engine/exchange-listener';
import { Market } from '../engine/market';
import { UpbitApiError } from '../engine/upbit-api-error';
import { UPBIT_RULES } from '../engine/upbit-rules';
import { FaultInjector } from '../faults/fault-injector';
import { CandlePeriod } from '../market-data/candle-series';
import { latestCandle } from '../market-data/candle-query';
import { TradeRecord } from '../market-data/market-tape';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { RateLimitGroupName } from '../rest/rest-types';
import { TypeSubscription, WsRequestError, parseWsRequest, wsErrorBody } from './subscription-request';
import { WsFormat, encodeMessage } from './ws-formats';
import { WsMessage, candleMessage, myAssetMessage, myOrderMessage, orderbookMessage, tickerMessage, tradeMessage } from './ws-messages';

export const PUBLIC_WS_PATH = '/websocket/v1';
export const PRIVATE_WS_PATH = '/websocket/v1/private';

type StreamType = 'SNAPSHOT' | 'REALTIME';

const CANDLE_PERIODS: Record<string, CandlePeriod> = {
  'candle.1s': { kind: 'seconds' },
  'candle.1m': { kind: 'minutes', unit: 1 },
  'candle.3m': { kind: 'minutes', unit: 3 },
  'candle.5m': { kind: 'minutes', unit: 5 },
  'candle.10m': { kind: 'minutes', unit: 10 },
  'candle.15m': { kind: 'minutes', unit: 15 },
  'candle.30m': { kind: 'minutes', unit: 30 },
  'candle.60m': { kind: 'minutes', unit: 60 },
  'candle.240m': { kind: 'minutes', unit: 240 },
};

/** A message built at most once and encoded at most once per format and stream type. */
class LazyFrame {
  private message: WsMessage | undefined;
  private readonly encoded = new Map<string, Buffer>();

  constructor(
    private readonly kind: string,
    private readonly build: () => WsMessage,
  ) {}

  bytes(format: WsFormat, streamType: StreamType): Buffer {
    const key = `${format}/${streamType}`;
    let frame = this.encoded.get(key);
    if (frame === undefined) {
      this.message ??= this.build();
      frame = encodeMessage(this.kind, { ...this.message, stream_type: streamType }, format);
      this.encoded.set(key, frame);
    }
    return frame;
  }
}

export interface WsHubOptions {
  readonly exchange: Exchange;
  readonly clock: SimClock;
  readonly faults: FaultInjector;
  readonly verifier: JwtVerifier;
  /** Upbit's connection and message limits; undefined = no limits. */
  readonly limiter: RateLimiter | undefined;
  readonly idleTimeoutMs: number;
}

interface HeldFrame {
  readonly accountId: string;
  readonly deliveries: ReadonlyArray<{ readonly connection: WsConnection; readonly bytes: Buffer }>;
  /** Released right after the account's next myOrder frame (else when its timer fires). */
  readonly reorder: boolean;
  timer: SimTimer;
}

/** One client connection: its format, its current subscription set and its idle deadline. */
class WsConnection {
  format: WsFormat = 'DEFAULT';
  subscriptions: TypeSubscription[] = [];
  lastActivity: number;
  idleTimer: SimTimer | undefined;

  constructor(
    readonly id: string,
    readonly socket: WebSocket,
    readonly accountId: string | undefined,
    now: number,
  ) {
    this.lastActivity = now;
  }
}

/**
 * The public and private WebSocket endpoints. Listens to the exchange and streams ticker, trade,
 * orderbook, candle, myOrder and myAsset messages to each connection's subscriptions, as binary
 * frames in the connection's format. A new request replaces the connection's subscription set.
 */
export class WsHub implements ExchangeListener {
  private readonly server = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly connections = new Set<WsConnection>();
  private readonly knownMarkets: ReadonlySet<string>;
  private nextConnectionId = 1;
  /** myOrder frames an injected delay or reorder fault holds back, with the timer that sends them. */
  private readonly heldFrames = new Set<HeldFrame>();

  constructor(private readonly options: WsHubOptions) {
    this.knownMarkets = new Set(options.exchange.markets.keys());
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, path: string): void {
    if (path !== PUBLIC_WS_PATH && path !== PRIVATE_WS_PATH) return rejectUpgrade(socket, 404, { error: { name: 404, message: 'Not Found' } });
    const client = path === PRIVATE_WS_PATH ? (claimedAccessKey(req.headers.authorization) ?? req.socket.remoteAddress) : req.socket.remoteAddress;
    const bannedFor = this.options.faults.bannedFor(this.options.clock.now());
    if (bannedFor > 0) {
      const body = { error: { name: UPBIT_RULES.errorNames.blocked, message: `Too many API requests. Blocked for ${Math.ceil(bannedFor / 1000)} seconds.` } };
      return rejectUpgrade(socket, 418, body);
    }
    const limited = this.overLimit('websocket-connect', client ?? 'unknown');
    if (limited !== undefined) return rejectUpgrade(socket, limited.status, limited.body());
    let accountId: string | undefined;
    if (path === PRIVATE_WS_PATH) {
      try {
        const accessKey = this.options.verifier.verify(req.headers.authorization, undefined);
        accountId = this.options.exchange.accountByAccessKey(accessKey)?.id;
      } catch (error) {
        if (!(error instanceof UpbitApiError)) throw error;
      }
      if (accountId === undefined) {
        return rejectUpgrade(socket, 401, wsErrorBody(new WsRequestError('INVALID_AUTH', req.headers.authorization)));
      }
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws, accountId));
  }

  connectionCount(): number {
    return this.connections.size;
  }

  /** Fault: cuts every connection without a close handshake (clients see code 1006). */
  dropAll(): number {
    const count = this.connections.size;
    for (const connection of [...this.connections]) connection.socket.terminate();
    return count;
  }

  /** Sends every held-back myOrder frame now (clearing faults leaves nothing in flight). */
  releaseHeldFrames(): void {
    for (const held of [...this.heldFrames]) this.release(held);
  }

  close(): void {
    for (const held of this.heldFrames) held.timer.cancel();
    this.heldFrames.clear();
    for (const connection of [...this.connections]) {
      connection.idleTimer?.cancel();
      connection.socket.terminate();
    }
    this.connections.clear();
    this.server.close();
  }

  // --- ExchangeListener ---

  onTrade(trade: TradeRecord): void {
    if (this.connections.size === 0) return;
    const market = this.options.exchange.market(trade.market) as Market;
    const now = this.options.clock.now();
    const frames = new Map<string, LazyFrame>();
    const frameFor = (type: string): LazyFrame | undefined => {
      let frame = frames.get(type);
      if (frame === undefined) {
        const build = this.realtimeBuilder(type, trade, market, now);
        if (build === undefined) return undefined;
        frame = new LazyFrame(type, build);
        frames.set(type, frame);
      }
      return frame;
    };
    this.publish(market.code, (sub) => (sub.type === 'orderbook' ? undefined : frameFor(sub.type)));
  }

  onOrderBookChanged(code: string): void {
    if (this.connections.size === 0) return;
    const market = this.options.exchange.market(code) as Market;
    const now = this.options.clock.now();
    const frames = new Map<string, LazyFrame>();
    this.publish(code, (sub) => {
      if (sub.type !== 'orderbook') return undefined;
      const units = sub.units.get(code) ?? 30;
      const key = `${units}/${sub.level.toFixed()}`;
      let frame = frames.get(key);
      if (frame === undefined) {
        frame = new LazyFrame('orderbook', () => orderbookMessage(market, units, sub.level, now));
        frames.set(key, frame);
      }
      return frame;
    });
  }

  onMyOrder(event: MyOrderEvent): void {
    const frame = new LazyFrame('myOrder', () => myOrderMessage(event));
    const targets = [...this.connections].filter(
      (connection) =>
        connection.accountId === event.order.accountId &&
        connection.subscriptions.some((s) => s.type === 'myOrder' && s.realtime && (s.codes.length === 0 || s.codes.includes(event.order.market))),
    );
    if (targets.length === 0) return;
    // Encoded now: the order object changes as it trades, a late frame must still say what it said then.
    const deliveries = targets.map((connection) => ({ connection, bytes: frame.bytes(connection.format, 'REALTIME') }));
    const fault = this.options.faults.takeMyOrderFault();
    const overtaken = [...this.heldFrames].filter((held) => held.reorder && held.accountId === event.order.accountId);
    if (fault?.kind === 'delay' || fault?.kind === 'reorder') {
      this.hold(event.order.accountId, deliveries, fault.kind === 'reorder', fault.kind === 'delay' ? fault.ms : (fault.ms ?? 1_000));
    } else {
      for (const { connection, bytes } of deliveries) {
        this.send(connection, bytes, false);
        if (fault?.kind === 'duplicate') this.send(connection, bytes, false);
      }
    }
    for (const held of overtaken) this.release(held);
  }

  onMyAsset(accountId: string, holdings: readonly Holding[], at: number): void {
    const frame = new LazyFrame('myAsset', () => myAssetMessage(randomUUID(), holdings, at));
    for (const connection of this.connections) {
      if (connection.accountId !== accountId) continue;
      if (connection.subscriptions.some((s) => s.type === 'myAsset' && s.realtime)) {
        this.send(connection, frame.bytes(connection.format, 'REALTIME'), false);
      }
    }
  }

  // --- internals ---

  private hold(accountId: string, deliveries: HeldFrame['deliveries'], reorder: boolean, ms: number): void {
    const held: HeldFrame = { accountId, deliveries, reorder, timer: { cancel: () => undefined } };
    held.timer = this.options.clock.setTimer(ms, () => this.release(held));
    this.heldFrames.add(held);
  }

  private release(held: HeldFrame): void {
    if (!this.heldFrames.delete(held)) return;
    held.timer.cancel();
    for (const { connection, bytes } of held.deliveries) this.send(connection, bytes, false);
  }

  private accept(socket: WebSocket, accountId: string | undefined): void {
    const connection = new WsConnection(`ws#${this.nextConnectionId++}`, socket, accountId, this.options.clock.now());
    this.connections.add(connection);
    this.armIdleTimer(connection, this.options.idleTimeoutMs);
    socket.on('message', (data: RawData) => this.receive(connection, rawText(data)));
    socket.on('ping', () => (connection.lastActivity = this.options.clock.now()));
    socket.on('close', () => {
      connection.idleTimer?.cancel();
      this.connections.delete(connection);
    });
    socket.on('error', () => socket.terminate());
  }

  /** Upbit closes a connection with no data in either direction for the idle timeout (120 s). */
  private armIdleTimer(connection: WsConnection, delayMs: number): void {
    connection.idleTimer = this.options.clock.setTimer(delayMs, () => {
      const idleFor = this.options.clock.now() - connection.lastActivity;
      if (idleFor >= this.options.idleTimeoutMs) {
        connection.idleTimer = undefined;
        connection.socket.close(1000, 'idle timeout');
        return;
      }
      this.armIdleTimer(connection, this.options.idleTimeoutMs - idleFor);
    });
  }

  private receive(connection: WsConnection, text: string): void {
    connection.lastActivity = this.options.clock.now();
    if (text === 'PING') return this.send(connection, Buffer.from(JSON.stringify({ status: 'UP' })), true);
    const limited = this.overLimit('websocket-message', connection.id) ?? this.overLimit('websocket-message-minute', connection.id);
    if (limited !== undefined) {
      const body = { error: { name: UPBIT_RULES.errorNames.webSocketTooManyRequests, message: limited.message } };
      return this.send(connection, Buffer.from(JSON.stringify(body)), true);
    }
    try {
      const request = parseWsRequest(text, this.knownMarkets, connection.accountId !== undefined);
      if (request.format !== undefined) connection.format = request.format;
      if (request.kind === 'list') return this.sendSubscriptionList(connection, request.ticket);
      connection.subscriptions = request.subscriptions;
      this.sendSnapshots(connection);
    } catch (error) {
      if (!(error instanceof WsRequestError)) throw error;
      this.send(connection, Buffer.from(JSON.stringify(wsErrorBody(error))), true);
    }
  }

  /** The refusal when `client` is over a WebSocket limit (429, or 418 once blocked), else undefined. */
  private overLimit(group: RateLimitGroupName, client: string): UpbitApiError | undefined {
    const decision = this.options.limiter?.check(group, client);
    if (decision === undefined || decision.outcome === 'allowed') return undefined;
    if (decision.outcome === 'limited') return new UpbitApiError(429, UPBIT_RULES.errorNames.rateLimited, 'Too many API requests.', group);
    const seconds = Math.ceil(decision.blockedForMs / 1000);
    return new UpbitApiError(418, UPBIT_RULES.errorNames.blocked, `Too many API requests. Blocked for ${seconds} seconds.`, group);
  }

  private sendSubscriptionList(connection: WsConnection, ticket: string): void {
    const result = connection.subscriptions.map((s) => {
      const entry: Record<string, unknown> = { type: s.type, codes: s.codes.map((c) => (s.units.has(c) ? `${c}.${s.units.get(c)}` : c)) };
      if (s.type === 'orderbook') entry['level'] = Number(s.level.toFixed());
      return entry;
    });
    this.send(connection, encodeMessage('method', { method: 'LIST_SUBSCRIPTIONS', result, ticket }, connection.format), true);
  }

  private sendSnapshots(connection: WsConnection): void {
    const now = this.options.clock.now();
    for (const sub of connection.subscriptions) {
      if (!sub.snapshot) continue;
      for (const code of sub.codes) {
        const market = this.options.exchange.market(code) as Market;
        const build = this.snapshotBuilder(sub, market, now);
        if (build !== undefined) this.send(connection, new LazyFrame(sub.type, build).bytes(connection.format, 'SNAPSHOT'), false);
      }
    }
  }

  private snapshotBuilder(sub: TypeSubscription, market: Market, now: number): (() => WsMessage) | undefined {
    if (sub.type === 'orderbook') return () => orderbookMessage(market, sub.units.get(market.code) ?? 30, sub.level, now);
    const last = market.tape.lastTrade();
    if (last === undefined) return undefined;
    return this.realtimeBuilder(sub.type, last, market, now);
  }

  private realtimeBuilder(type: string, trade: TradeRecord, market: Market, now: number): (() => WsMessage) | undefined {
    if (type === 'trade') return () => tradeMessage(trade, market, now);
    if (type === 'ticker') {
      const state = market.tape.ticker(now);
      return state === undefined ? undefined : () => tickerMessage(state, market, now);
    }
    const period = CANDLE_PERIODS[type];
    if (period === undefined) return undefined;
    const candle = latestCandle(market, period);
    return candle === undefined ? undefined : () => candleMessage(type, market.code, candle, now);
  }

  private publish(code: string, frameFor: (sub: TypeSubscription) => LazyFrame | undefined): void {
    for (const connection of this.connections) {
      for (const sub of connection.subscriptions) {
        if (!sub.realtime || !sub.codes.includes(code)) continue;
        const frame = frameFor(sub);
        if (frame !== undefined) this.send(connection, frame.bytes(connection.format, 'REALTIME'), false);
      }
    }
  }

  /** Sends one binary frame; data frames are dropped while a stall fault is active. */
  private send(connection: WsConnection, bytes: Buffer, isReply: boolean): void {
    if (connection.socket.readyState !== WebSocket.OPEN) return;
    const now = this.options.clock.now();
    if (!isReply && this.options.faults.isStreamStalled(now)) return;
    connection.lastActivity = now;
    connection.socket.send(bytes, { binary: true });
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function rejectUpgrade(socket: Duplex, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  const reason = { 401: 'Unauthorized', 404: 'Not Found', 418: "I'm a teapot", 429: 'Too Many Requests' }[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
  );
}
