import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { JwtVerifier } from './auth/jwt-verifier';
import { NonceRegistry } from './auth/nonce-registry';
import { SimClock, SystemSimClock } from './clock/sim-clock';
import { Exchange } from './engine/exchange';
import { MarketDriver, MarketSource } from './engine/market-driver';
import { DEFAULT_MARKETS, marketConfig } from './engine/market-catalog';
import { SeededRandom, deriveSeed } from './engine/prng';
import { SyntheticMarket } from './engine/synthetic-market';
import { MarketHistory } from './history/market-history';
import { pathModel } from './history/path-model';
import { UPBIT_RULES } from './engine/upbit-rules';
import { FaultInjector } from './faults/fault-injector';
import { SimulatorAdmin } from './faults/simulator-admin';
import { RateLimiter } from './rate-limit/rate-limiter';
import { UPBIT_RATE_LIMITS } from './rate-limit/rate-limits';
import { loadReplayFile } from './replay/replay-file';
import { ReplaySource } from './replay/replay-source';
import { handleAdmin } from './rest/admin-http';
import { exchangeRoutes } from './rest/exchange-routes';
import { quotationRoutes } from './rest/quotation-routes';
import { RequestCounts } from './requests/request-counts';
import { RequestLog } from './requests/request-log';
import { RestHandler } from './rest/rest-handler';
import { RouteTable } from './rest/route-table';
import { DEMO_ACCESS_KEY, DEMO_KRW_BALANCE, DEMO_SECRET_KEY, SimulatorOptions, SimulatorOptionsError, positiveInteger } from './simulator-options';
import { PRIVATE_WS_PATH, PUBLIC_WS_PATH, WsHub } from './ws/ws-hub';

export interface RunningSimulator {
  /** `http://127.0.0.1:<port>`: what ccxt's `urls.api` entries take. */
  readonly baseUrl: string;
  /** `http://127.0.0.1:<port>/v1`: Upbit's REST base. */
  readonly restUrl: string;
  readonly wsUrl: string;
  readonly privateWsUrl: string;
  readonly adminUrl: string;
  /** Listed market codes, e.g. `KRW-BTC`. */
  readonly markets: readonly string[];
  readonly accounts: ReadonlyArray<{ readonly accessKey: string; readonly secretKey: string }>;
  readonly admin: SimulatorAdmin;
  readonly clock: SimClock;
  /** The matching engine itself (benchmarks drive it without HTTP). */
  readonly exchange: Exchange;
  /** Stops the market, closes every socket and timer. */
  close(): Promise<void>;
}

/**
 * Starts an Upbit-compatible exchange on one port: REST under /v1, WebSocket at /websocket/v1 and
 * /websocket/v1/private, and the admin endpoint under /admin.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const clock = options.clock ?? new SystemSimClock();
  const seed = positiveInteger('seed', options.seed, 1, true);
  const tickIntervalMs = positiveInteger('tickIntervalMs', options.tickIntervalMs, 500);
  const markets = (options.markets ?? DEFAULT_MARKETS).map((m) => marketConfig(typeof m === 'string' ? { market: m } : m));
  if (markets.length === 0) throw new SimulatorOptionsError('at least one market is required', options.markets);
  const accounts = options.accounts ?? [{ accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY, balances: { KRW: DEMO_KRW_BALANCE } }];
  const exchange = new Exchange({
    markets,
    accounts,
    clock,
    ids: new SeededRandom(deriveSeed(seed, 'ids')),
    tradeRetention: positiveInteger('tradeRetention', options.tradeRetention, 10_000),
    candleRetention: positiveInteger('candleRetention', options.candleRetention, 5_000),
  });

  const sources: MarketSource[] = [];
  const warmup = options.replay !== undefined ? false : (options.warmup ?? false);
  const warmupSteps = warmup === false ? 0 : positiveInteger('warmup.steps', warmup.steps, 0, true);
  const warmupStepMs = warmup === false ? tickIntervalMs : positiveInteger('warmup.stepMs', warmup.stepMs, 60_000);
  // The live tape begins at the minute holding its first step; the history serves every minute before.
  const liveFrom = Math.floor((clock.now() - Math.max(1, warmupSteps) * warmupStepMs) / 60_000) * 60_000;
  const shift = modelShift(options.modelStart, clock.now());
  if (options.replay !== undefined) {
    const frames = options.replay.frames ?? (options.replay.file !== undefined ? await loadReplayFile(options.replay.file) : []);
    const speed = options.replay.speed ?? 1;
    if (!(speed > 0)) throw new SimulatorOptionsError('replay.speed must be positive', speed);
    sources.push(new ReplaySource(exchange, frames, clock.now(), speed));
  } else {
    const makerOptions = { levels: 30, halfSpreadRate: 0.00005, maxNoiseTradesPerTick: 3, ...options.marketMaker };
    for (const market of exchange.markets.values()) {
      const history = new MarketHistory(seed, { code: market.code, quoteCurrency: market.quoteCurrency, initialPrice: market.config.initialPrice, model: pathModel(market.config) }, liveFrom, shift);
      market.history = history;
      market.tape.continueHistory(history);
      const path = {
        history,
        start: history.liveStart(),
        minuteStream: (modelMinute: number) => new SeededRandom(deriveSeed(seed, `${market.code}|live|${modelMinute}`)),
        ticks: new SeededRandom(deriveSeed(seed, `${market.code}|ticks`)),
      };
      sources.push(new SyntheticMarket(market, exchange, new SeededRandom(deriveSeed(seed, market.code)), makerOptions, path));
    }
  }
  const driver = new MarketDriver(exchange, clock, sources, tickIntervalMs);
  // Without warm-up steps the market still opens with one step, so the book is quoted from the start.
  if (options.replay !== undefined) driver.warmUp(0, tickIntervalMs);
  else driver.warmUp(Math.max(1, warmupSteps), warmupStepMs);

  const faults = new FaultInjector();
  for (const rule of options.faults?.rest ?? []) faults.addRestFault(rule);
  const verifier = new JwtVerifier({ secretFor: (key) => exchange.secretFor(key) }, new NonceRegistry());
  const limiter = options.rateLimits === false ? undefined : new RateLimiter(options.rateLimits ?? UPBIT_RATE_LIMITS, clock);
  const hub = new WsHub({ exchange, clock, faults, verifier, limiter, idleTimeoutMs: options.idleTimeoutMs ?? UPBIT_RULES.websocketIdleTimeoutMs });
  exchange.setListener(hub);
  const requests = new RequestLog(positiveInteger('requestLogCapacity', options.requestLogCapacity, 10_000));
  const counts = new RequestCounts();
  const admin = new SimulatorAdmin(faults, hub, driver, clock, requests, counts);
  const onInternalError = options.onInternalError ?? ((error: unknown) => process.stderr.write(`upbit-sim internal error: ${String(error)}\n`));
  const rest = new RestHandler({
    routes: new RouteTable([...quotationRoutes(exchange, clock), ...exchangeRoutes(exchange, () => clock.now())]),
    exchange,
    verifier,
    limiter,
    faults,
    clock,
    requests,
    counts,
    onInternalError,
  });

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : '';
    const work = url.pathname.startsWith('/admin/')
      ? handleAdmin(admin, req, res, url.pathname, url.searchParams)
      : url.pathname.startsWith('/v1/')
        ? rest.handle(req, res, url.pathname.slice(3), rawQuery)
        : Promise.resolve(res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' }).end('{"error":{"name":404,"message":"Not Found"}}'));
    work.catch((error: unknown) => {
      onInternalError(error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end('{"error":{"name":"internal_error","message":"internal simulator error"}}');
    });
  });
  server.on('upgrade', (req, socket, head: Buffer) => {
    hub.handleUpgrade(req, socket, head, new URL(req.url ?? '/', 'http://localhost').pathname);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  driver.start();

  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const baseUrl = `http://${host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    baseUrl,
    restUrl: `${baseUrl}/v1`,
    wsUrl: `ws://${host}:${port}${PUBLIC_WS_PATH}`,
    privateWsUrl: `ws://${host}:${port}${PRIVATE_WS_PATH}`,
    adminUrl: `${baseUrl}/admin`,
    markets: [...exchange.markets.keys()],
    accounts: accounts.map((a) => ({ accessKey: a.accessKey, secretKey: a.secretKey })),
    admin,
    clock,
    exchange,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        driver.stop();
        rest.close();
        hub.close();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      })),
  };
}

/** Model time minus clock time, in whole minutes, for `modelStart` (0 without: the calendar's own model). */
function modelShift(modelStart: number | undefined, now: number): number {
  if (modelStart === undefined) return 0;
  if (!Number.isInteger(modelStart)) throw new SimulatorOptionsError('modelStart must be a time in ms', modelStart);
  return Math.floor(modelStart / 60_000) * 60_000 - Math.floor(now / 60_000) * 60_000;
}
