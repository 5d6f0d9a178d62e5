import type { Clock } from '@trader/domain';
import { waitUnlessAborted } from '@trader/runtime';
import type { TaskHandle, TaskManager } from '@trader/runtime';
import WebSocket from 'ws';
import { UpbitRateLimiter } from '../rate-limit/upbit-rate-limiter';
import { BackoffPolicy, backoffDelay } from '../backoff/backoff';

export interface SocketOptions {
  readonly url: string;
  /** Headers of the upgrade request, built per attempt (a fresh JWT each time for the private socket). */
  readonly headers?: () => Record<string, string>;
  /** Send `PING` when nothing was sent for this long (Upbit closes idle connections after ~120 s). */
  readonly pingIntervalMs: number;
  /** Silence for this long means a dead or stalled connection: it is dropped and re-opened. */
  readonly silenceTimeoutMs: number;
  /**
   * What breaks the silence: `any` message (the `{"status":"UP"}` answers to PING included: right for
   * the private stream, where events are rare), or only `data` (right for market data, where a stream
   * that answers PING but sends no ticks is as useless as a dead one).
   */
  readonly silenceBasis: 'any' | 'data';
  /** How often the keep-alive and the silence watchdog look at the connection. */
  readonly watchdogIntervalMs: number;
  readonly handshakeTimeoutMs: number;
  readonly maxPayloadBytes: number;
  readonly reconnect: BackoffPolicy;
}

export const defaultSocketOptions: Omit<SocketOptions, 'url'> = {
  pingIntervalMs: 30_000,
  silenceTimeoutMs: 75_000,
  silenceBasis: 'any',
  watchdogIntervalMs: 1_000,
  handshakeTimeoutMs: 10_000,
  maxPayloadBytes: 4 * 1024 * 1024,
  reconnect: { baseMs: 500, maxMs: 30_000 },
};

/** A connection open at least this long counts as stable: the reconnect back-off starts over. */
const STABLE_CONNECTION_MS = 10_000;

export interface SocketEvents {
  /** The connection is open: (re)send the subscription. */
  opened(): void;
  message(text: string, receivedAt: number): void;
  /** The connection is gone (or never opened); the socket reconnects by itself. */
  closed(reason: string): void;
  /** Whether data should be flowing now (someone is subscribed); without it only liveness counts. */
  expectsData(): boolean;
}

export interface SocketStats {
  readonly connects: number;
  readonly reconnects: number;
  readonly silences: number;
  readonly pingsSent: number;
  readonly lastMessageAt: number | undefined;
  readonly open: boolean;
}

/**
 * One Upbit WebSocket connection that stays up: it connects (within the connect rate limit), keeps
 * the connection alive with `PING`, drops it when the server goes silent, and reconnects with
 * jittered exponential back-off. Its loop (supervised: restarted if it fails) and its watchdog are
 * TaskManager tasks, so shutdown aborts and awaits them.
 */
export class UpbitSocket {
  private ws: WebSocket | undefined;
  private loopTask: TaskHandle | undefined;
  private watchdogTask: TaskHandle | undefined;
  private lastMessageAt: number | undefined;
  /** Last message that counts against silence (see `silenceBasis`); reset when a connection opens. */
  private lastHeardAt = 0;
  private lastSentAt = 0;
  /** Why we terminated the current connection ourselves, reported when it closes. */
  private terminateReason: string | undefined;
  private connects = 0;
  private silences = 0;
  private pingsSent = 0;

  constructor(
    readonly name: string,
    private readonly tasks: TaskManager,
    private readonly limiter: UpbitRateLimiter,
    private readonly clock: Clock,
    private readonly options: SocketOptions,
    private readonly events: SocketEvents,
    private readonly random: () => number = Math.random,
  ) {}

  start(): void {
    // Supervised: the loop catches every connection failure itself, but the owner's `closed` callback
    // runs inside it; if that throws, the loop is restarted instead of the socket never reconnecting.
    this.loopTask = this.tasks.supervise(`upbit-ws-${this.name}`, 'upbit-websocket', (signal) => this.loop(signal), {
      initialBackoffMs: this.options.reconnect.baseMs,
      maxBackoffMs: this.options.reconnect.maxMs,
    });
    this.watchdogTask = this.tasks.every(`upbit-ws-${this.name}-watchdog`, 'upbit-websocket', this.options.watchdogIntervalMs, () =>
      this.watch(),
    );
  }

  async stop(): Promise<void> {
    this.loopTask?.abort('socket stopped');
    this.watchdogTask?.abort('socket stopped');
    this.ws?.terminate();
    await Promise.all([this.loopTask?.done, this.watchdogTask?.done]);
    this.loopTask = undefined;
    this.watchdogTask = undefined;
  }

  isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Sends a text frame; false when the connection is not open (the next `opened` re-sends state). */
  send(text: string): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(text);
    this.lastSentAt = this.clock.now();
    return true;
  }

  /** The owner decoded a data message: under `silenceBasis: 'data'` this is what keeps the connection. */
  markData(at: number): void {
    this.lastHeardAt = at;
  }

  /** Closes the current connection abruptly, as a network failure would (the loop reconnects). */
  drop(reason = 'dropped'): void {
    this.terminateReason = reason;
    this.ws?.terminate();
  }

  stats(): SocketStats {
    return {
      connects: this.connects,
      reconnects: Math.max(0, this.connects - 1),
      silences: this.silences,
      pingsSent: this.pingsSent,
      lastMessageAt: this.lastMessageAt,
      open: this.isOpen(),
    };
  }

  private async loop(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      let openForMs: number | undefined;
      let why: string | undefined;
      try {
        const permit = await this.limiter.acquire('websocket-connect', { signal });
        try {
          const closed = await this.connectOnce(signal, () => permit.done());
          openForMs = closed.openForMs;
          why = closed.why;
        } finally {
          permit.done();
        }
      } catch (error) {
        if (signal.aborted) return;
        this.events.closed(`connect failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (signal.aborted) return;
      if (why !== undefined) this.events.closed(why);
      // Only a connection that stayed up resets the back-off: one that is accepted and then dropped
      // at once (a flapping server) backs off like a refused one.
      failures = openForMs !== undefined && openForMs >= STABLE_CONNECTION_MS ? 0 : failures + 1;
      await waitUnlessAborted(backoffDelay(failures, this.options.reconnect, this.random), signal);
    }
  }

  /**
   * Runs one connection until it closes; resolves with how long it was open (undefined if it never
   * opened) and why it closed. `handshakeDone` is called once the upgrade succeeded or failed (the connect counts
   * against the limit until then).
   */
  private connectOnce(signal: AbortSignal, handshakeDone: () => void): Promise<{ openForMs: number | undefined; why: string }> {
    return new Promise((resolve) => {
      let openedAt: number | undefined;
      let reason = 'closed';
      const ws = new WebSocket(this.options.url, {
        headers: this.options.headers?.() ?? {},
        handshakeTimeout: this.options.handshakeTimeoutMs,
        maxPayload: this.options.maxPayloadBytes,
        perMessageDeflate: false,
      });
      this.ws = ws;
      this.terminateReason = undefined;
      const onAbort = (): void => ws.terminate();
      signal.addEventListener('abort', onAbort, { once: true });
      ws.on('open', () => {
        handshakeDone();
        const now = this.clock.now();
        openedAt = now;
        this.connects += 1;
        this.lastMessageAt = now;
        this.lastHeardAt = now;
        this.lastSentAt = now;
        this.callOwner(ws, 'opened', () => this.events.opened());
      });
      ws.on('message', (data: WebSocket.RawData) => {
        const now = this.clock.now();
        this.lastMessageAt = now;
        if (this.options.silenceBasis === 'any') this.lastHeardAt = now;
        this.callOwner(ws, 'message', () => this.events.message(rawToText(data), now));
      });
      ws.on('unexpected-response', (_request, response) => {
        reason = `upgrade refused with HTTP ${response.statusCode ?? '?'}`;
        ws.terminate();
      });
      ws.on('error', (error: Error) => {
        reason = error.message;
      });
      ws.on('close', (code: number) => {
        handshakeDone();
        signal.removeEventListener('abort', onAbort);
        if (this.ws === ws) this.ws = undefined;
        const why = this.terminateReason ?? (openedAt !== undefined ? `connection closed (${code}${reason === 'closed' ? '' : `: ${reason}`})` : reason);
        // The owner hears of the close from the loop, not from here: a `closed` that throws then
        // reaches the supervisor instead of the event emitter (and a promise that would never settle).
        resolve({ openForMs: openedAt === undefined ? undefined : this.clock.now() - openedAt, why });
      });
    });
  }

  /**
   * Runs an owner callback from inside a `ws` event handler, where a throw would escape to the event
   * emitter (an uncaught exception, or a connect promise that never settles). A failing owner drops the
   * connection instead: the loop reconnects and the owner re-sends its state on `opened`.
   */
  private callOwner(ws: WebSocket, what: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      this.terminateReason = `owner's ${what} callback failed: ${error instanceof Error ? error.message : String(error)}`;
      ws.terminate();
    }
  }

  private watch(): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    const now = this.clock.now();
    const heard =
      this.options.silenceBasis === 'data' && this.events.expectsData() ? this.lastHeardAt : Math.max(this.lastHeardAt, this.lastMessageAt ?? 0);
    if (now - heard >= this.options.silenceTimeoutMs) {
      this.silences += 1;
      this.terminateReason = `silent for ${now - heard} ms`;
      ws.terminate();
      return;
    }
    if (now - this.lastSentAt >= this.options.pingIntervalMs) {
      ws.send('PING');
      this.lastSentAt = now;
      this.pingsSent += 1;
    }
  }
}

function rawToText(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

