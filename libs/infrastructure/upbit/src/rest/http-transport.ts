import type { ComponentHealth, KernelComponent } from '@trader/runtime';
import { Pool } from 'undici';
import { UpbitClientStoppedError } from '../rate-limit/rate-limit.errors';

export interface HttpTimeouts {
  /** TCP + TLS connect. */
  readonly connectMs: number;
  /** From sending the request to receiving the response headers. */
  readonly headersMs: number;
  /** Between two chunks of the response body. */
  readonly bodyMs: number;
}

export interface HttpTransportOptions {
  /** Origins served by this transport (`https://api.upbit.com`): one keep-alive pool each. */
  readonly origins: readonly string[];
  readonly timeouts: HttpTimeouts;
  /** Larger responses are cut off and fail: a broken or hostile server cannot exhaust memory. */
  readonly maxResponseBytes: number;
  readonly connectionsPerOrigin: number;
  readonly keepAliveMs: number;
}

export const defaultHttpTransportOptions: Omit<HttpTransportOptions, 'origins'> = {
  timeouts: { connectMs: 5_000, headersMs: 10_000, bodyMs: 10_000 },
  maxResponseBytes: 4 * 1024 * 1024,
  connectionsPerOrigin: 8,
  keepAliveMs: 30_000,
};

export interface HttpRequest {
  readonly origin: string;
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path with its query string. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** Overrides the transport's header time-out for this request. */
  readonly headersTimeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/** Why a request failed before a complete response came back. */
export type TransportFailure = 'connect' | 'timeout' | 'reset' | 'too-large' | 'aborted' | 'other';

/** A request failed in the transport. `sent` says whether it may have reached the server. */
export class HttpTransportError extends Error {
  readonly code = 'UPBIT_HTTP_TRANSPORT';

  constructor(
    readonly failure: TransportFailure,
    readonly sent: boolean,
    readonly detail: string,
  ) {
    super(`HTTP ${failure}${sent ? ' after the request was sent' : ' before the request was sent'}: ${detail}`);
    this.name = 'HttpTransportError';
  }
}

/**
 * The undici pools of the Upbit client: one keep-alive `Pool` per origin, with connect, header and
 * body time-outs and a response size cap. A kernel component: created on start, closed on stop, so
 * no socket outlives the process's shutdown.
 */
export class UpbitHttpTransport implements KernelComponent {
  readonly name = 'upbit-http';
  private readonly pools = new Map<string, Pool>();
  private inFlight = 0;

  constructor(private readonly options: HttpTransportOptions) {}

  start(): void {
    for (const origin of this.options.origins) {
      this.pools.set(
        origin,
        new Pool(origin, {
          connections: this.options.connectionsPerOrigin,
          keepAliveTimeout: this.options.keepAliveMs,
          connectTimeout: this.options.timeouts.connectMs,
          headersTimeout: this.options.timeouts.headersMs,
          bodyTimeout: this.options.timeouts.bodyMs,
          maxResponseSize: this.options.maxResponseBytes,
        }),
      );
    }
  }

  async stop(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.destroy()));
  }

  health(): ComponentHealth {
    return this.pools.size > 0 ? { status: 'up', detail: `${this.inFlight} request(s) in flight` } : { status: 'down', detail: 'not started' };
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const pool = this.pools.get(request.origin);
    if (!pool) throw new UpbitClientStoppedError(`no HTTP pool for ${request.origin}`);
    this.inFlight += 1;
    try {
      const response = await pool.request({
        method: request.method,
        path: request.path,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(request.headersTimeoutMs !== undefined ? { headersTimeout: request.headersTimeoutMs } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      throw classify(error);
    } finally {
      this.inFlight -= 1;
    }
  }
}

/** Maps undici and socket errors onto what matters to the caller: did the request possibly get through? */
function classify(error: unknown): HttpTransportError {
  const code = typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? '') : '';
  const detail = error instanceof Error ? `${code ? `${code}: ` : ''}${error.message}` : String(error);
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new HttpTransportError('connect', false, detail);
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return new HttpTransportError('timeout', true, detail);
    case 'UND_ERR_SOCKET':
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_CLOSED':
      return new HttpTransportError('reset', true, detail);
    case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
      return new HttpTransportError('too-large', true, detail);
    case 'UND_ERR_ABORTED':
    case 'ABORT_ERR':
      return new HttpTransportError('aborted', true, detail);
    default:
      return new HttpTransportError('other', true, detail);
  }
}
