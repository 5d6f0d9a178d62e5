import { TickerBoard } from '@trader/application';
import { lanes, LaneDispatcher } from '@trader/events';
import { eventually } from '@trader/runtime';
import { UPBIT_RATE_GROUPS } from '@trader/upbit';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { bookPrice, harnessLimits, harnessToken, startTradingApp, TradingAppHarness } from '../test-support/trading-app.harness';
import { ExpositionFamily, parseExposition, sampleValue } from '../test-support/prometheus-exposition';
import { MetricsListener } from './metrics-listener.component';
import { denialReasons, discrepancyKinds, rejectReasons } from './metric-labels';

const filledBuy = { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: bookPrice.toFixed(), volume: '0.001' };
/** 0.02 BTC at the book price is 2,000,000 KRW: over the harness's 1,000,000 KRW per order. */
const deniedBuy = { ...filledBuy, volume: '0.02' };
/** A sell of BTC the account does not hold: the (paper) exchange refuses it for insufficient funds. */
const rejectedSell = { market: 'KRW-ETH', side: 'sell', orderType: 'limit', price: '5000000', volume: '0.01' };

/** Label values a scrape may carry, per label name: each is a fixed set (never an id or free text). */
function allowedLabelValues(handlers: readonly string[]): Record<string, (value: string) => boolean> {
  const oneOf = (values: readonly string[]) => (value: string) => values.includes(value);
  return {
    side: oneOf(['buy', 'sell', 'other']),
    market: oneOf(['KRW-BTC', 'KRW-ETH', 'other']),
    outcome: oneOf(['submitted', 'accepted', 'rejected', 'cancelled', 'outcome_unknown', 'ok', 'failed']),
    lane: oneOf(lanes),
    handler: oneOf(handlers),
    quantile: oneOf(['0.5', '0.99', '1']),
    le: (value) => value === '+Inf' || Number.isFinite(Number(value)),
    reason: oneOf([...rejectReasons, ...denialReasons, 'other']),
    by: oneOf(['risk', 'session']),
    kind: oneOf(Object.values(discrepancyKinds)),
    status: oneOf(['429', '418']),
    group: oneOf(UPBIT_RATE_GROUPS),
    connection: oneOf(['public', 'private']),
  };
}

const requiredFamilies: Record<string, string> = {
  trader_orders_total: 'counter',
  trader_fills_total: 'counter',
  trader_order_rejects_total: 'counter',
  trader_order_denials_total: 'counter',
  trader_reconciliation_discrepancies_total: 'counter',
  trader_event_store_append_duration_seconds: 'histogram',
  trader_lane_queue_depth: 'gauge',
  trader_lane_queue_capacity: 'gauge',
  trader_lane_lag_events: 'gauge',
  trader_lane_events_handled_total: 'counter',
  trader_lane_handler_failures_total: 'counter',
  trader_lane_handler_latency_seconds: 'gauge',
  trader_dead_letters_total: 'counter',
  trader_event_loop_delay_seconds: 'gauge',
  trader_event_loop_blocks_total: 'counter',
  trader_upbit_requests_total: 'counter',
  trader_upbit_retries_total: 'counter',
  trader_upbit_throttle_responses_total: 'counter',
  trader_upbit_unknown_outcomes_total: 'counter',
  trader_rate_limit_waits_total: 'counter',
  trader_rate_limit_wait_seconds_total: 'counter',
  trader_rate_limit_queue_depth: 'gauge',
  trader_websocket_reconnects_total: 'counter',
  trader_websocket_gaps_total: 'counter',
  trader_websocket_connected: 'gauge',
  trader_position_value: 'gauge',
  trader_position_unrealized_pnl: 'gauge',
};

/** The media type and exposition version of a Content-Type header (parameters in any order). */
function mediaType(header: string | null): { type: string; version: string | undefined } {
  const [type = '', ...parameters] = (header ?? '').split(';').map((p) => p.trim());
  return { type, version: parameters.find((p) => p.startsWith('version='))?.slice('version='.length) };
}

/** Names follow Prometheus's rules: our prefix, snake case, `_total` on counters only, base units. */
function namingViolations(families: ReadonlyMap<string, ExpositionFamily>): string[] {
  const violations: string[] = [];
  for (const { name, type, help } of families.values()) {
    if (!/^trader_[a-z0-9_]+$/.test(name)) violations.push(`${name}: not trader_ snake case`);
    if ((type === 'counter') !== name.endsWith('_total')) violations.push(`${name}: a ${type} ${type === 'counter' ? 'without' : 'with'} _total`);
    if (type === 'histogram' && !name.endsWith('_seconds')) violations.push(`${name}: a histogram not in _seconds`);
    if (/_(ms|milliseconds|minutes|bytes_kb)(_|$)/.test(name)) violations.push(`${name}: not in base units`);
    if (help === '') violations.push(`${name}: no HELP`);
  }
  return violations;
}

describe('GET /metrics on the trading app', () => {
  let h: TradingAppHarness;
  const placed: string[] = [];

  const scrape = async (url: string, token: string | null = harnessToken): Promise<{ status: number; type: string | null; text: string }> => {
    const response = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };

  beforeAll(async () => {
    h = await startTradingApp({ metricsPort: 0 });
    expect((await h.call('PUT', '/api/v1/risk/limits', harnessLimits)).status).toBe(204);
    await h.reconcile();
  });
  afterAll(() => h.close());

  it('needs the admin token on the main port', async () => {
    expect((await scrape(`${h.url}/metrics`, null)).status).toBe(401);
    expect((await scrape(`${h.url}/metrics`, 'wrong-token-0123456789')).status).toBe(401);
    const answer = await scrape(`${h.url}/metrics`);
    expect(answer.status).toBe(200);
    expect(mediaType(answer.type)).toEqual({ type: 'text/plain', version: '0.0.4' });
  });

  it('counts placed, filled, denied and rejected orders, append latency and the position, with bounded labels only', async () => {
    const before = parseExposition((await scrape(`${h.url}/metrics`)).text);
    const appendsBefore = sampleValue(before, 'trader_event_store_append_duration_seconds_count', { outcome: 'ok' }) ?? 0;

    const filled = await h.call('POST', '/api/v1/orders', filledBuy);
    expect(filled.status).toBe(201);
    placed.push((filled.body as { orderId: string }).orderId);
    const denied = await h.call('POST', '/api/v1/orders', deniedBuy);
    expect(denied.status).toBe(422);
    const rejected = await h.call('POST', '/api/v1/orders', rejectedSell);
    expect(rejected.status).toBe(201);
    placed.push((rejected.body as { orderId: string }).orderId);
    await eventually(async () => {
      const orders = (await h.call('GET', '/api/v1/orders')).body as { orderId: string; status: string }[];
      expect(orders.map((o) => [o.orderId, o.status]).sort()).toEqual([[placed[0], 'filled'], [placed[1], 'rejected']].sort());
    });
    // The ticker board learns the price as an admin read (or the ticker stream) brings it; the scrape never asks.
    expect((await h.call('GET', '/api/v1/positions')).status).toBe(200);
    expect(h.moduleRef.get(TickerBoard).lastKnown('KRW-BTC')?.tradePrice.toFixed()).toBe(bookPrice.toFixed());

    const answer = await scrape(`${h.url}/metrics`);
    const families = parseExposition(answer.text);
    await eventually(async () => {
      const now = parseExposition((await scrape(`${h.url}/metrics`)).text);
      expect(sampleValue(now, 'trader_fills_total', { side: 'buy', market: 'KRW-BTC' })).toBeGreaterThanOrEqual(1);
    });
    const after = parseExposition((await scrape(`${h.url}/metrics`)).text);
    expect(sampleValue(after, 'trader_orders_total', { side: 'buy', market: 'KRW-BTC', outcome: 'submitted' })).toBe(1);
    expect(sampleValue(after, 'trader_orders_total', { side: 'buy', market: 'KRW-BTC', outcome: 'accepted' })).toBe(1);
    expect(sampleValue(after, 'trader_orders_total', { side: 'sell', market: 'KRW-ETH', outcome: 'submitted' })).toBe(1);
    expect(sampleValue(after, 'trader_orders_total', { side: 'sell', market: 'KRW-ETH', outcome: 'rejected' })).toBe(1);
    expect(sampleValue(after, 'trader_order_rejects_total', { market: 'KRW-ETH', reason: 'insufficient_funds' })).toBe(1);
    expect(sampleValue(after, 'trader_order_denials_total', { by: 'risk', reason: 'max_notional_per_order' })).toBe(1);
    expect(sampleValue(after, 'trader_event_store_append_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThan(appendsBefore + 3);
    expect(sampleValue(after, 'trader_event_store_append_duration_seconds_bucket', { outcome: 'ok', le: '+Inf' })).toBe(sampleValue(after, 'trader_event_store_append_duration_seconds_count', { outcome: 'ok' }));
    expect(sampleValue(after, 'trader_lane_queue_capacity', { lane: 'critical-trading' })).toBeGreaterThan(0);
    expect(sampleValue(after, 'trader_lane_events_handled_total', { lane: 'critical-trading' })).toBeGreaterThan(0);
    expect(sampleValue(after, 'trader_event_loop_delay_seconds', { quantile: '0.99' })).toBeGreaterThanOrEqual(0);
    // 0.001 BTC bought at the book price and valued at it: worth 100,000 KRW, less than it cost by the fee.
    expect(sampleValue(after, 'trader_position_value', { market: 'KRW-BTC' })).toBe(100_000);
    expect(sampleValue(after, 'trader_position_unrealized_pnl', { market: 'KRW-BTC' })).toBeLessThanOrEqual(0);

    expect(Object.fromEntries([...families.values()].filter((f) => f.name in requiredFamilies).map((f) => [f.name, f.type]))).toEqual(requiredFamilies);
    expect(namingViolations(families)).toEqual([]);
    const handlers = h.moduleRef.get(LaneDispatcher).stats().handlers.map((s) => s.name);
    const allowed = allowedLabelValues(handlers);
    const unbounded = [...after.values()].flatMap((f) =>
      f.samples.flatMap((s) => Object.entries(s.labels).filter(([label, value]) => !(allowed[label]?.(value) ?? false)).map(([label, value]) => `${s.name}{${label}="${value}"}`)),
    );
    expect(unbounded).toEqual([]);
    for (const orderId of placed) expect(answer.text).not.toContain(orderId);
  });

  it('serves the same exposition without the token on the separate port, bound to 127.0.0.1 only', async () => {
    const listener = h.moduleRef.get(MetricsListener);
    const { address, port } = listener.address();
    expect(address).toBe('127.0.0.1');
    const answer = await scrape(`http://127.0.0.1:${port}/metrics`, null);
    expect(answer.status).toBe(200);
    expect(mediaType(answer.type)).toEqual({ type: 'text/plain', version: '0.0.4' });
    expect(sampleValue(parseExposition(answer.text), 'trader_order_denials_total', { by: 'risk', reason: 'max_notional_per_order' })).toBe(1);
    expect((await scrape(`http://127.0.0.1:${port}/api/v1/orders`, null)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status).toBe(404);
    // Not reachable on any other interface of this host.
    const external = Object.values(networkInterfaces()).flatMap((list) => list ?? []).filter((i) => i.family === 'IPv4' && !i.internal);
    for (const { address: other } of external) {
      await expect(fetch(`http://${other}:${port}/metrics`)).rejects.toThrow();
    }
  });

  it('has a panel per metric family in the Grafana dashboard, over metrics that exist', async () => {
    const families = parseExposition((await scrape(`${h.url}/metrics`)).text);
    const dashboard = JSON.parse(readFileSync(join(__dirname, '../../../../docs/grafana-dashboard.json'), 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const referenced = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/trader_[a-z0-9_]+/g) ?? [])));
    const familyOf = (name: string): string => (families.has(name) ? name : name.replace(/_(bucket|sum|count)$/, ''));
    expect([...referenced].filter((name) => !families.has(familyOf(name)))).toEqual([]);
    expect([...families.keys()].filter((name) => !referenced.has(name) && ![...referenced].some((r) => familyOf(r) === name))).toEqual([]);
    expect(new Set(dashboard.panels.map((p) => p.title)).size).toBe(dashboard.panels.length);
  });
});
