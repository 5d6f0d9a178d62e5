import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { AppKernel, eventually } from '@trader/runtime';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY, startSimulator } from '@trader/upbit-sim';
import type { RunningSimulator } from '@trader/upbit-sim';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CommandBus } from '@nestjs/cqrs';
import { Test, TestingModule } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../app.module';
import { configureHttpApp } from '../bootstrap/configure-http-app';
import { exchangeEndpoints } from '../bootstrap/exchange-endpoints.bootstrap';
import { loadTraderConfig } from '../config/load-trader-config';
import { Secret } from '../config/secret';
import { parseExposition, sampleValue } from '../test-support/prometheus-exposition';
import { startTradingApp } from '../test-support/trading-app.harness';
import { correlationAttribute, TraderTracing } from './trader-tracing';

const token = 'tracing-token-0123456789';

function spansOf(exporter: InMemorySpanExporter, correlationId: string): ReadableSpan[] {
  return exporter.getFinishedSpans().filter((span) => span.attributes[correlationAttribute] === correlationId);
}

/**
 * The trader's real wiring (the Upbit client, the event store on a SQLite file, the lanes and the
 * execution saga) against the simulator on 127.0.0.1, tracing into an in-memory exporter.
 */
describe('tracing an order from the command to the REST call to Upbit', () => {
  let sim: RunningSimulator;
  let moduleRef: TestingModule;
  let app: NestExpressApplication;
  let dir: string;
  let url: string;
  const exporter = new InMemorySpanExporter();

  const api = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trader-tracing-'));
    sim = await startSimulator({ host: '127.0.0.1', port: 0, markets: ['KRW-BTC'], seed: 7 });
    const config = loadTraderConfig({
      TRADER_DB: join(dir, 'trader.db'),
      TRADER_MARKETS: 'KRW-BTC',
      TRADER_RECORD_MARKET: '0',
      UPBIT_REST_URL: sim.restUrl,
      UPBIT_WS_URL: sim.wsUrl,
      UPBIT_PRIVATE_WS_URL: sim.privateWsUrl,
      UPBIT_ACCESS_KEY: DEMO_ACCESS_KEY,
      UPBIT_SECRET_KEY: DEMO_SECRET_KEY,
    });
    moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config, new Secret(token), await exchangeEndpoints(config), TraderTracing.exportingTo(exporter))] }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    configureHttpApp(app, { token: new Secret(token), publicDocs: false, dashboardDir: config.dashboardDir });
    await app.init();
    await moduleRef.get(AppKernel).start();
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    // The reference strategy would place orders of its own: this test places one.
    await eventually(async () => expect((await api('POST', '/api/v1/strategies/basic-seven-rules/disable')).status).toBe(204));
    await eventually(async () => expect((await api('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 20_000 });
  }, 60_000);

  afterAll(async () => {
    await moduleRef?.get(AppKernel).stop();
    await app?.close();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts the command, its appends and the POST /orders to Upbit in one trace, each with our correlation id', async () => {
    const placed = await api('POST', '/api/v1/orders', { market: 'KRW-BTC', side: 'buy', orderType: 'market', funds: '10000' });
    expect(placed.status).toBe(201);
    const { orderId } = placed.body as { orderId: string };
    // The admin API correlates an order's chain by its id.
    await eventually(() => expect(spansOf(exporter, orderId).map((s) => s.name)).toEqual(expect.arrayContaining(['upbit POST /orders'])));

    const spans = spansOf(exporter, orderId);
    const names = spans.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['command PlaceOrder', 'event_store.append', 'handle OrderSubmitted', 'upbit POST /orders']));
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1);
    const command = spans.find((s) => s.name === 'command PlaceOrder');
    expect(command?.parentSpanContext).toBeUndefined();
    const rest = spans.find((s) => s.name === 'upbit POST /orders');
    expect(rest?.attributes).toEqual(
      expect.objectContaining({ 'http.request.method': 'POST', 'url.path': '/orders', 'trader.upbit.route_group': 'order', 'http.response.status_code': 201 }),
    );
    // Never the query string, the body or the headers (the JWT): no attribute carries them.
    const everyValue = exporter.getFinishedSpans().flatMap((s) => Object.values(s.attributes).map(String));
    expect(everyValue.filter((value) => /bearer|eyJ|identifier=|funds=|access_key/i.test(value))).toEqual([]);
  });

  it('shows the Upbit client\'s counters on /metrics: REST requests, rate-limit groups, open WebSocket connections', async () => {
    const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const families = parseExposition(await response.text());
    expect(sampleValue(families, 'trader_upbit_requests_total')).toBeGreaterThan(0);
    expect(sampleValue(families, 'trader_upbit_throttle_responses_total', { status: '429' })).toBe(0);
    expect(sampleValue(families, 'trader_websocket_connected', { connection: 'public' })).toBe(1);
    expect(sampleValue(families, 'trader_websocket_reconnects_total', { connection: 'public' })).toBe(0);
    expect(families.get('trader_rate_limit_waits_total')?.samples.map((s) => s.labels['group'])).toEqual(expect.arrayContaining(['order']));
    expect(sampleValue(families, 'trader_orders_total', { side: 'buy', market: 'KRW-BTC', outcome: 'submitted' })).toBe(1);
  });
});

/** The export over OTLP/HTTP runs in the built trader (apps/trader/e2e/tracing-export.spec.ts): the exporter loads `http` with a dynamic import, which jest's sandbox does not allow. */
describe('tracing switched by OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('wraps nothing when the variable is not set', async () => {
    expect(loadTraderConfig({}).tracing).toBeNull();
    const h = await startTradingApp();
    try {
      expect(h.moduleRef.get(CommandBus).execute).toBe(CommandBus.prototype.execute);
    } finally {
      await h.close();
    }
  });
});
