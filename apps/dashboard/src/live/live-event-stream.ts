import { clearToken, readToken } from '../auth/token-store';
import type { LiveEvent } from './live-event';
import { SseParser } from './sse-parser';

export type LiveStatus = 'idle' | 'connecting' | 'open' | 'reconnecting';
type EventListener = (event: LiveEvent) => void;
type StatusListener = (status: LiveStatus) => void;

const maxBackoffMs = 10_000;
/** A stream that stayed open this long counts as healthy: the next drop starts the backoff afresh. */
const healthyAfterMs = 5_000;

/**
 * One connection to GET /api/v1/events/live shared by every component of the page: opened while
 * someone listens and a token is set, reconnected with backoff when the server or the network drops
 * it, closed when the last listener leaves or the token is refused.
 */
export class LiveEventStream {
  private readonly listeners = new Set<EventListener>();
  private readonly statusListeners = new Set<StatusListener>();
  private current: LiveStatus = 'idle';
  private abort: AbortController | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private openedAt = 0;
  private readonly resyncListeners = new Set<() => void>();

  constructor(
    private readonly url: string,
    private readonly fetchFn: typeof fetch = (...args) => fetch(...args),
  ) {}

  get status(): LiveStatus {
    return this.current;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.connect();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  /**
   * Called when the stream opens again after it dropped: events committed in between were never
   * delivered, so whoever shows data read from the API reads it again.
   */
  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    clearTimeout(this.retry);
    this.retry = undefined;
    this.abort?.abort();
    this.abort = undefined;
    this.failures = 0;
    this.openedAt = 0;
    this.setStatus('idle');
  }

  private connect(): void {
    const token = readToken();
    if (!token) return this.setStatus('idle');
    const abort = new AbortController();
    this.abort = abort;
    this.setStatus(this.failures === 0 ? 'connecting' : 'reconnecting');
    this.read(token, abort.signal).then(
      () => this.dropped(abort),
      () => this.dropped(abort),
    );
  }

  private async read(token: string, signal: AbortSignal): Promise<void> {
    const response = await this.fetchFn(this.url, { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' }, signal });
    if (response.status === 401) {
      clearToken();
      throw new Error('token refused');
    }
    if (!response.ok || !response.body) throw new Error(`live stream answered ${response.status}`);
    const reopened = this.failures > 0;
    this.openedAt = Date.now();
    this.setStatus('open');
    if (reopened) this.resyncListeners.forEach((listener) => listener());
    const parser = new SseParser();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (const message of parser.push(value)) this.deliver(message.data);
    }
  }

  private deliver(data: string): void {
    let event: LiveEvent;
    try {
      event = JSON.parse(data) as LiveEvent;
    } catch {
      return; // a malformed message must not end the stream for every listener
    }
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('live event listener failed', error);
      }
    }
  }

  private dropped(abort: AbortController): void {
    if (this.abort !== abort || abort.signal.aborted) return;
    this.abort = undefined;
    if (this.listeners.size === 0 || !readToken()) return this.setStatus('idle');
    // Counted from the last healthy stream, so one that is accepted and dropped at once backs off.
    if (this.openedAt > 0 && Date.now() - this.openedAt >= healthyAfterMs) this.failures = 0;
    this.openedAt = 0;
    this.failures += 1;
    this.setStatus('reconnecting');
    const delay = Math.min(maxBackoffMs, 500 * 2 ** Math.min(this.failures - 1, 5));
    this.retry = setTimeout(() => this.connect(), delay);
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.current) return;
    this.current = status;
    this.statusListeners.forEach((listener) => listener(status));
  }
}

/** The page's one live connection. */
export const liveEvents = new LiveEventStream('/api/v1/events/live');
