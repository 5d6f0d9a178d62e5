import type { Clock } from '@trader/domain';
import type { KernelComponent, TaskManager } from '@trader/runtime';
import type { JwtAlgorithm } from './auth/jwt-signer';
import type { UpbitCredentials } from './auth/upbit-credentials';
import { RateLimiterSettings, defaultRateLimiterSettings } from './rate-limit/rate-limit.table';
import { UpbitRateLimiter } from './rate-limit/upbit-rate-limiter';
import { HttpTransportOptions, UpbitHttpTransport, defaultHttpTransportOptions } from './rest/http-transport';
import { RestCallObserver, RetryPolicy, UpbitRestClient } from './rest/upbit-rest-client';
import { UpbitExchangeGateway } from './upbit-exchange-gateway';
import { UpbitMarketDataQueries } from './upbit-market-data-queries';
import { SocketOptions } from './ws/upbit-socket';
import { UpbitStreamManager } from './ws/upbit-stream-manager';

/** Upbit's production endpoints (docs rest-api-guide, websocket-guide). */
export const upbitProductionEndpoints = {
  restUrl: 'https://api.upbit.com/v1',
  publicWsUrl: 'wss://api.upbit.com/websocket/v1',
  privateWsUrl: 'wss://api.upbit.com/websocket/v1/private',
} as const;

export interface UpbitClientOptions {
  readonly restUrl: string;
  readonly publicWsUrl: string;
  readonly privateWsUrl?: string;
  /** Without keys only the quotation API and the public stream work. */
  readonly credentials?: UpbitCredentials;
  readonly jwtAlgorithm?: JwtAlgorithm;
  readonly http?: Partial<Omit<HttpTransportOptions, 'origins'>>;
  readonly rateLimits?: Partial<RateLimiterSettings>;
  readonly retry?: RetryPolicy;
  /** Past this, an order request without an answer is an unknown outcome. */
  readonly orderTimeoutMs?: number;
  readonly maxWaitMs?: number;
  /** How long an order may wait for its rate-limit slot before it is refused as stale (3,000 ms by default). */
  readonly staleOrderMs?: number;
  /** Told of every REST request and its outcome (the app's traces); none by default. */
  readonly restObserver?: RestCallObserver;
  readonly socket?: Partial<Omit<SocketOptions, 'url' | 'headers'>>;
  readonly bufferSize?: number;
  /** Kernel components the WebSocket component starts after (the task manager's name, usually). */
  readonly streamDependsOn?: readonly string[];
}

export interface UpbitClientDependencies {
  readonly clock: Clock;
  readonly tasks: TaskManager;
  readonly random?: () => number;
}

/** The wired parts of the client. Register `components` with the kernel, in this order. */
export interface UpbitClient {
  readonly transport: UpbitHttpTransport;
  readonly limiter: UpbitRateLimiter;
  readonly rest: UpbitRestClient;
  readonly streams: UpbitStreamManager;
  readonly gateway: UpbitExchangeGateway;
  readonly queries: UpbitMarketDataQueries;
  readonly components: readonly KernelComponent[];
}

export function createUpbitClient(deps: UpbitClientDependencies, options: UpbitClientOptions): UpbitClient {
  const random = deps.random ?? Math.random;
  const transport = new UpbitHttpTransport({
    ...defaultHttpTransportOptions,
    ...options.http,
    origins: [new URL(options.restUrl).origin],
  });
  const limiter = new UpbitRateLimiter(deps.clock, { ...defaultRateLimiterSettings, ...options.rateLimits });
  const rest = new UpbitRestClient(
    transport,
    limiter,
    {
      baseUrl: options.restUrl,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(options.jwtAlgorithm ? { jwtAlgorithm: options.jwtAlgorithm } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.orderTimeoutMs !== undefined ? { orderTimeoutMs: options.orderTimeoutMs } : {}),
      ...(options.maxWaitMs !== undefined ? { maxWaitMs: options.maxWaitMs } : {}),
      ...(options.staleOrderMs !== undefined ? { staleOrderMs: options.staleOrderMs } : {}),
      ...(options.restObserver ? { observer: options.restObserver } : {}),
    },
    random,
  );
  const streams = new UpbitStreamManager(
    deps.tasks,
    limiter,
    deps.clock,
    {
      publicUrl: options.publicWsUrl,
      ...(options.privateWsUrl !== undefined ? { privateUrl: options.privateWsUrl } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(options.jwtAlgorithm ? { jwtAlgorithm: options.jwtAlgorithm } : {}),
      ...(options.socket ? { socket: options.socket } : {}),
      ...(options.bufferSize !== undefined ? { bufferSize: options.bufferSize } : {}),
      ...(options.streamDependsOn ? { dependsOn: options.streamDependsOn } : {}),
    },
    random,
  );
  return {
    transport,
    limiter,
    rest,
    streams,
    gateway: new UpbitExchangeGateway(rest),
    queries: new UpbitMarketDataQueries(rest),
    components: [transport, limiter, rest, streams],
  };
}
