import { IncomingMessage, ServerResponse } from 'node:http';
import { JwtVerifier, claimedAccessKey } from '../auth/jwt-verifier';
import { SimClock, SimTimer } from '../clock/sim-clock';
import { Exchange } from '../engine/exchange';
import { UpbitApiError } from '../engine/upbit-api-error';
import { UPBIT_RULES } from '../engine/upbit-rules';
import { FaultInjector, RestFaultAction } from '../faults/fault-injector';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { RequestCounts } from '../requests/request-counts';
import { LoggedRequest, RequestLog, isLoggedRequest } from '../requests/request-log';
import { bodyHashInput, queryHashInput, queryParams } from './request-params';
import { RestRequest, RestResult, Route } from './rest-types';
import { RouteTable } from './route-table';

export interface RestHandlerDeps {
  readonly routes: RouteTable;
  readonly exchange: Exchange;
  readonly verifier: JwtVerifier;
  readonly limiter: RateLimiter | undefined;
  readonly faults: FaultInjector;
  readonly clock: SimClock;
  readonly requests: RequestLog;
  readonly counts: RequestCounts;
  /** Receives errors that are bugs (answered 500), so they are never silent. */
  readonly onInternalError: (error: unknown) => void;
}

const MAX_BODY_BYTES = 1 << 20;

function errorResult(error: UpbitApiError): RestResult {
  return { status: error.status, body: error.body() };
}

/**
 * Serves /v1 the way Upbit does: rate limit (429, then 418), JWT for exchange routes, the route,
 * and a `Remaining-Req` header on every answer. Injected faults act before or after the route runs.
 */
export class RestHandler {
  private readonly heldResponses = new Set<ServerResponse>();
  private readonly pendingTimers = new Set<SimTimer>();
  private readonly logged = new WeakMap<ServerResponse, LoggedRequest>();
  private closed = false;

  constructor(private readonly deps: RestHandlerDeps) {}

  async handle(req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string): Promise<void> {
    const method = req.method ?? 'GET';
    const found = this.deps.routes.find(method, path);
    if (found === undefined) {
      const status = this.deps.routes.knows(path) ? 405 : 404;
      return this.send(res, { status, body: { error: { name: status, message: status === 404 ? 'Not Found' : 'Method Not Allowed' } } }, undefined);
    }
    const { route, pathParams } = found;
    this.deps.counts.received(method, `/v1${path}`);
    // Logged before anything can refuse or drop it: the log shows what the client sent, not what ran.
    const entry = isLoggedRequest(method, `/v1${path}`) ? this.deps.requests.received(method, `/v1${path}`, this.deps.clock.now(), claimedAccessKey(req.headers.authorization)) : undefined;
    if (entry !== undefined) this.logged.set(res, entry);
    const address = req.socket.remoteAddress ?? 'unknown';
    // Exchange groups count per access key (pocket), quotation groups per client address.
    const client = route.authenticated ? (claimedAccessKey(req.headers.authorization) ?? address) : address;
    let header: string | undefined;
    try {
      const request = await this.readRequest(req, method, path, rawQuery);
      if (entry !== undefined) this.deps.requests.identify(entry, request.params);
      const bannedFor = this.deps.faults.bannedFor(this.deps.clock.now());
      if (bannedFor > 0) throw blocked(bannedFor);
      header = this.remainingReq(route, client, true);
      const before = this.deps.faults.takeRestFault(method, path, 'before');
      if (before !== undefined && (await this.applyFault(before, res, header))) return;
      const accountId = route.authenticated ? this.authenticate(request) : '';
      let result: RestResult;
      try {
        result = route.handle({ request, accountId, pathParams });
      } catch (error) {
        if (!(error instanceof UpbitApiError)) throw error;
        result = errorResult(error);
      }
      const after = this.deps.faults.takeRestFault(method, path, 'after');
      if (after !== undefined && (await this.applyFault(after, res, header))) return;
      this.send(res, result, header);
    } catch (error) {
      if (error instanceof UpbitApiError) return this.send(res, errorResult(error), header ?? this.remainingReq(route, client, false));
      this.deps.onInternalError(error);
      this.send(res, { status: 500, body: { error: { name: 'internal_error', message: 'internal simulator error' } } }, header);
    }
  }

  /** Ends held and delayed responses (used by close()). */
  close(): void {
    this.closed = true;
    for (const timer of this.pendingTimers) timer.cancel();
    this.pendingTimers.clear();
    for (const res of this.heldResponses) res.destroy();
    this.heldResponses.clear();
  }

  private authenticate(request: RestRequest): string {
    const accessKey = this.deps.verifier.verify(request.authorization, request.hashInput);
    const account = this.deps.exchange.accountByAccessKey(accessKey);
    if (account === undefined) throw new UpbitApiError(401, 'invalid_access_key', '잘못된 엑세스 키입니다.', accessKey);
    return account.id;
  }

  /** Counts the request against its group; throws 429/418 when over. Returns the Remaining-Req header. */
  private remainingReq(route: Route, client: string, count: boolean): string {
    const limiter = this.deps.limiter;
    const format = (sec: number): string => `group=${route.group}; min=${UPBIT_RULES.remainingReqMin}; sec=${sec}`;
    if (limiter === undefined) return format(999);
    if (!count) return format(limiter.remaining(route.group, client));
    const decision = limiter.check(route.group, client);
    if (decision.outcome === 'allowed') return format(decision.remaining);
    if (decision.outcome === 'limited') {
      throw new UpbitApiError(429, UPBIT_RULES.errorNames.rateLimited, 'Too many API requests.', route.group);
    }
    throw blocked(decision.blockedForMs);
  }

  /** Applies a fault; true when it answered (or will never answer) the request itself. */
  private async applyFault(action: RestFaultAction, res: ServerResponse, header: string): Promise<boolean> {
    switch (action.kind) {
      case 'delay':
        await this.wait(action.ms);
        return this.closed;
      case 'timeout':
        this.heldResponses.add(res);
        res.on('close', () => this.heldResponses.delete(res));
        return true;
      case 'server-error':
        this.send(res, { status: action.status, body: { error: { name: 'server_error', message: `injected ${action.status}` } } }, header);
        return true;
      case 'rate-limit':
        this.send(res, errorResult(new UpbitApiError(429, UPBIT_RULES.errorNames.rateLimited, 'Too many API requests.', 'injected')), header.replace(/sec=\d+/, 'sec=0'));
        return true;
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.deps.clock.setTimer(ms, () => {
        this.pendingTimers.delete(timer);
        resolve();
      });
      this.pendingTimers.add(timer);
    });
  }

  private async readRequest(req: IncomingMessage, method: string, path: string, rawQuery: string): Promise<RestRequest> {
    const authorization = req.headers.authorization;
    const clientAddress = req.socket.remoteAddress ?? 'unknown';
    if (method !== 'POST') {
      return { method, path, params: queryParams(rawQuery), hashInput: queryHashInput(rawQuery), authorization, clientAddress };
    }
    const text = await readBody(req);
    let body: unknown = {};
    if (text.trim() !== '') {
      if (!/application\/json/i.test(req.headers['content-type'] ?? '')) {
        throw new UpbitApiError(400, 'validation_error', 'request body must be JSON (Content-Type: application/json)', req.headers['content-type']);
      }
      try {
        body = JSON.parse(text);
      } catch {
        throw new UpbitApiError(400, 'validation_error', 'request body is not valid JSON', text.slice(0, 100));
      }
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new UpbitApiError(400, 'validation_error', 'request body must be a JSON object', text.slice(0, 100));
    }
    const params = body as Record<string, unknown>;
    return { method, path, params, hashInput: bodyHashInput(params), authorization, clientAddress };
  }

  private send(res: ServerResponse, result: RestResult, remainingReq: string | undefined): void {
    if (res.writableEnded || res.destroyed) return;
    const entry = this.logged.get(res);
    if (entry !== undefined) this.deps.requests.answered(entry, result.status);
    const payload = JSON.stringify(result.body);
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(payload),
    };
    if (remainingReq !== undefined) headers['Remaining-Req'] = remainingReq;
    res.writeHead(result.status, headers);
    res.end(payload);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new UpbitApiError(413, 413, 'Request body too large', size));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Upbit's 418: the client is blocked; the message carries the block length. */
function blocked(blockedForMs: number): UpbitApiError {
  const seconds = Math.ceil(blockedForMs / 1000);
  return new UpbitApiError(418, UPBIT_RULES.errorNames.blocked, `Too many API requests. Blocked for ${seconds} seconds.`, blockedForMs);
}
