import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@trader/runtime';
import { startFakeOtlpCollector } from '../src/test-support/fake-otlp-collector';
import type { FakeOtlpCollector } from '../src/test-support/fake-otlp-collector';
import { adminApi, listeningUrl, quickRoundTripStrategy, RunningTrader, startTrader } from './trader-process';

const token = 'e2e-token-0123456789abcdef';

interface OrderRow {
  orderId: string;
  side: string;
  status: string;
  correlationId: string;
}

describe('OpenTelemetry export of the built trader (OTEL_EXPORTER_OTLP_ENDPOINT set)', () => {
  let trader: RunningTrader | undefined;
  let collector: FakeOtlpCollector;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'trader-otlp-'));
    collector = await startFakeOtlpCollector();
  });
  afterAll(async () => {
    await collector.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => {
    if (trader && trader.child.exitCode === null) trader.child.kill('SIGKILL');
  });

  it('sends one trace per order, from the strategy decision or the command to the POST /orders to Upbit, to the collector on 127.0.0.1', async () => {
    trader = startTrader({
      TRADER_PORT: '0',
      TRADER_TOKEN: token,
      TRADER_DB: join(dataDir, 'trader.db'),
      TRADER_MARKETS: 'KRW-BTC,KRW-ETH,KRW-XRP',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_SERVICE_NAME: 'trader-e2e',
    });
    const api = adminApi(await listeningUrl(trader), token);
    await eventually(async () => expect((await api('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 20_000 });
    // A strategy that enters at once on the third market (the reference strategy runs on the first two).
    expect((await api('POST', '/api/v1/strategies', quickRoundTripStrategy)).status).toBe(201);
    const placed = await api('POST', '/api/v1/orders', { market: 'KRW-XRP', side: 'buy', orderType: 'market', funds: '10000' });
    expect(placed.status).toBe(201);
    const { orderId } = placed.body as { orderId: string };
    const buy = await eventually(
      async () => {
        const order = (await api('GET', `/api/v1/orders/${orderId}`)).body as OrderRow;
        // A market buy ends done or, with a remainder of its funds, cancelled (as on Upbit).
        expect(['filled', 'cancelled']).toContain(order.status);
        return order;
      },
      { timeoutMs: 20_000 },
    );
    const decided = await eventually(
      async () => {
        const rows = (await api('GET', '/api/v1/orders?market=KRW-XRP')).body as OrderRow[];
        const entry = rows.find((o) => o.side === 'buy' && o.orderId !== orderId && o.status !== 'submitted');
        if (!entry) throw new Error(`no strategy entry yet: ${JSON.stringify(rows)}`);
        return entry;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    trader.child.kill('SIGTERM');
    expect(await trader.exited).toEqual({ code: 0, signal: null });

    // The batch is flushed at shutdown.
    const spans = collector.spans.filter((s) => s.attributes['trader.correlation_id'] === buy.correlationId);
    expect(spans.map((s) => s.name)).toEqual(expect.arrayContaining(['command PlaceOrder', 'event_store.append', 'handle OrderSubmitted', 'upbit POST /orders']));
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    const root = spans.find((s) => s.name === 'command PlaceOrder');
    expect(root?.parentSpanId).toBeUndefined();
    expect(spans.find((s) => s.name === 'handle OrderSubmitted')?.parentSpanId).toBe(root?.spanId);
    expect(spans.find((s) => s.name === 'upbit POST /orders')?.attributes).toEqual(expect.objectContaining({ 'http.response.status_code': 201, 'trader.upbit.route_group': 'order' }));
    expect(spans[0]?.resource).toEqual(expect.objectContaining({ 'service.name': 'trader-e2e' }));

    // The strategy's order: its trace begins with the recorded decision, then the decision span.
    const strategySpans = collector.spans.filter((s) => s.attributes['trader.correlation_id'] === decided.correlationId);
    expect(strategySpans.map((s) => s.name)).toEqual(expect.arrayContaining(['event_store.append', 'strategy.decision', 'command PlaceOrder', 'handle OrderSubmitted', 'upbit POST /orders']));
    expect(new Set(strategySpans.map((s) => s.traceId)).size).toBe(1);
    const decision = strategySpans.find((s) => s.name === 'strategy.decision');
    expect(strategySpans.find((s) => s.name === 'command PlaceOrder')?.parentSpanId).toBe(decision?.spanId);
    expect(strategySpans.filter((s) => s.parentSpanId === undefined).map((s) => s.name)).toEqual(['event_store.append']);
    expect(collector.refused).toEqual([]);
  }, 90_000);
});
