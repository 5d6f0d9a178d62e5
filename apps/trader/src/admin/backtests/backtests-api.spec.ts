import { eventually } from '@trader/runtime';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MINUTE, writeSyntheticCandleStore } from '../../test-support/synthetic-candle-store';
import { harnessToken, startTradingApp } from '../../test-support/trading-app.harness';
import type { TradingAppHarness } from '../../test-support/trading-app.harness';

const T0 = Date.UTC(2026, 0, 1);
const request = { markets: ['KRW-BTC'], from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', source: 'candles', slippageBps: 5 };

interface JobBody {
  id: string;
  status: string;
  progress: { processed: number; percent: number };
  error: string | null;
  summary: { trades: number; tradesSha256: string; totalReturnPct: number } | null;
}

describe('admin API: backtests', () => {
  let dir: string;
  let h: TradingAppHarness;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trader-backtests-api-'));
    const historyPath = join(dir, 'candles.sqlite');
    await writeSyntheticCandleStore(historyPath, T0 - 300 * MINUTE, 1440 + 300);
    h = await startTradingApp({ historyPath });
  });

  afterAll(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('queues a backtest (202), runs it in a worker, reports progress and summary, and serves its JSON and HTML report', async () => {
    const liveEvents = async (): Promise<number> => ((await h.call('GET', '/api/v1/events?limit=1000')).body as { events: unknown[] }).events.length;
    const eventsBefore = await liveEvents();
    const posted = await h.call('POST', '/api/v1/backtests', request);
    expect(posted.status).toBe(202);
    const { id, status } = posted.body as JobBody;
    expect(status).toBe('queued');

    const done = await eventually(
      async () => {
        const job = (await h.call('GET', `/api/v1/backtests/${id}`)).body as JobBody;
        expect(job.status).toBe('done');
        return job;
      },
      { timeoutMs: 60_000, intervalMs: 50 },
    );
    expect(done.progress).toEqual(expect.objectContaining({ percent: 100, processed: expect.any(Number) }));
    expect(done.progress.processed).toBeGreaterThanOrEqual(1440);
    expect(done.summary?.tradesSha256).toMatch(/^[0-9a-f]{64}$/);

    const report = await h.call('GET', `/api/v1/backtests/${id}/report`);
    expect(report.status).toBe(200);
    expect(report.body).toEqual(expect.objectContaining({ schemaVersion: 1, tradesSha256: done.summary?.tradesSha256 }));
    const html = await fetch(`${h.url}/api/v1/backtests/${id}/report?format=html`, { headers: { authorization: `Bearer ${harnessToken}` } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await html.text()).toContain('<svg');
    // The equity curve for the dashboard's chart, and the job in the list of kept jobs.
    const equity = (await h.call('GET', `/api/v1/backtests/${id}/equity`)).body as { intervalMs: number; points: { at: number; equity: number }[] };
    expect(equity.points.length).toBeGreaterThan(1);
    expect(equity.points[0]).toEqual({ at: T0, equity: 10_000_000 });
    expect((await h.call('GET', '/api/v1/backtests')).body).toEqual(expect.arrayContaining([expect.objectContaining({ id, status: 'done' })]));
    // The run's own event store is kept and served: a decision followed to its fills.
    const first = await h.call('GET', `/api/v1/backtests/${id}/events?from=1&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual(expect.objectContaining({ nextPosition: 3 }));
    const all = await h.call('GET', `/api/v1/backtests/${id}/events?limit=1000`);
    const runEvents = (all.body as { events: { type: string; eventId: string; metadata: { correlationId?: string } }[] }).events;
    const decision = runEvents.find((e) => e.type === 'StrategyDecided');
    expect(decision).toBeDefined();
    expect(runEvents.filter((e) => e.metadata.correlationId === decision?.eventId).map((e) => e.type)).toEqual(expect.arrayContaining(['OrderSubmitted', 'OrderFilled']));
    expect((await h.call('GET', `/api/v1/backtests/${id}/events?limit=0`)).status).toBe(400);
    // Backtests stay out of the live store: nothing was appended to the trader's events.
    expect(done.summary?.trades).toBeGreaterThan(0);
    expect(await liveEvents()).toBe(eventsBefore);
  }, 90_000);

  it('streams a job\'s progress live (server-sent events) until it ends, then closes the stream', async () => {
    const posted = await h.call('POST', '/api/v1/backtests', request);
    const { id } = posted.body as JobBody;
    const response = await fetch(`${h.url}/api/v1/backtests/${id}/live`, { headers: { authorization: `Bearer ${harnessToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // The stream ends by itself once the job has ended: reading it to the end is the assertion.
    const text = await response.text();
    const views = text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice('data: '.length)) as JobBody);
    expect(views.length).toBeGreaterThanOrEqual(2);
    expect(views.map((v) => v.status)).toContain('running');
    expect(views.at(-1)).toEqual(expect.objectContaining({ id, status: 'done', progress: expect.objectContaining({ percent: 100 }) }));
    // A finished job's stream is its final view, and closes at once.
    const again = await (await fetch(`${h.url}/api/v1/backtests/${id}/live`, { headers: { authorization: `Bearer ${harnessToken}` } })).text();
    expect(again.split('\n').filter((line) => line.startsWith('data: '))).toHaveLength(1);
  }, 90_000);

  it('refuses bad input with 400 naming the field, and needs the token', async () => {
    const badMarket = await h.call('POST', '/api/v1/backtests', { ...request, markets: ['BTC'] });
    expect(badMarket.status).toBe(400);
    expect(JSON.stringify(badMarket.body)).toContain('markets must hold market codes');
    const badTime = await h.call('POST', '/api/v1/backtests', { ...request, from: 'yesterday' });
    expect(badTime.status).toBe(400);
    expect(JSON.stringify(badTime.body)).toContain('from must be an ISO 8601 time');
    const backwards = await h.call('POST', '/api/v1/backtests', { ...request, from: request.to, to: request.from });
    expect(backwards).toEqual({ status: 400, body: expect.objectContaining({ code: 'invalid_backtest_request', detail: expect.stringMatching(/^to: /), errors: [expect.objectContaining({ field: 'to' })] }) });
    const unknownField = await h.call('POST', '/api/v1/backtests', { ...request, leverage: 10 });
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify(unknownField.body)).toContain('leverage');

    expect((await h.call('POST', '/api/v1/backtests', request, null)).status).toBe(401);
    expect((await h.call('GET', '/api/v1/backtests/0b6a3f4e-1d2c-4e5f-8a9b-1c2d3e4f5a6b', undefined, null)).status).toBe(401);
    expect((await h.call('GET', '/api/v1/backtests/0b6a3f4e-1d2c-4e5f-8a9b-1c2d3e4f5a6b')).status).toBe(404);
  });

  it('runs the same in GraphQL', async () => {
    const graphql = async (query: string, variables: Record<string, unknown>) => (await h.call('POST', '/graphql', { query, variables })).body as { data?: Record<string, { id: string; status: string; summary: unknown }>; errors?: unknown[] };
    const started = await graphql('mutation($input: RunBacktestInput!) { runBacktest(input: $input) { id status } }', { input: request });
    const id = started.data?.['runBacktest']?.id as string;
    expect(started.data?.['runBacktest']?.status).toBe('queued');

    const done = await eventually(
      async () => {
        const polled = await graphql('query($id: String!) { backtest(id: $id) { id status progress { percent } summary } }', { id });
        expect(polled.data?.['backtest']?.status).toBe('done');
        return polled.data?.['backtest'];
      },
      { timeoutMs: 60_000, intervalMs: 50 },
    );
    expect(done?.summary).toEqual(expect.objectContaining({ tradesSha256: expect.stringMatching(/^[0-9a-f]{64}$/) }));
    const bad = await graphql('mutation($input: RunBacktestInput!) { runBacktest(input: $input) { id } }', { input: { ...request, markets: ['nope'] } });
    expect(JSON.stringify(bad.errors)).toContain('markets must hold market codes');
  }, 90_000);

  it('ends a job whose candle store is missing as failed with the reason, and the trader stays healthy', async () => {
    const other = await startTradingApp({ historyPath: join(dir, 'missing.sqlite') });
    try {
      const { id } = (await other.call('POST', '/api/v1/backtests', request)).body as JobBody;
      const failed = await eventually(
        async () => {
          const job = (await other.call('GET', `/api/v1/backtests/${id}`)).body as JobBody;
          expect(job.status).toBe('failed');
          return job;
        },
        { timeoutMs: 30_000, intervalMs: 50 },
      );
      expect(failed.error).toBe(`the candle store ${join(dir, 'missing.sqlite')} does not exist (download candles first: trader data download)`);
      expect((await other.call('GET', `/api/v1/backtests/${id}/report`)).status).toBe(409);
      const health = (await other.call('GET', '/health')).body as { kernel: { state: string } };
      expect(health.kernel.state).toBe('running');
      expect((await other.call('GET', '/api/v1/orders')).status).toBe(200);
    } finally {
      await other.close();
    }
  }, 60_000);
});
