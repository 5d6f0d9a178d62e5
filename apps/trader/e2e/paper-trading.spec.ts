import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@trader/runtime';
import { adminApi, listeningUrl, quickRoundTripStrategy, RunningTrader, startTrader } from './trader-process';

const token = 'e2e-token-0123456789abcdef';

interface OrderRow {
  orderId: string;
  side: string;
  status: string;
  correlationId: string;
}

describe('paper trading end to end (the built process, its in-process simulator, the real client)', () => {
  let trader: RunningTrader | undefined;
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'trader-paper-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  afterEach(() => {
    if (trader && trader.child.exitCode === null) trader.child.kill('SIGKILL');
  });

  it('trades a strategy on the simulator: orders, fills, positions and PnL through the API, one correlation chain in the log', async () => {
    trader = startTrader({ TRADER_PORT: '0', TRADER_TOKEN: token, TRADER_DB: join(dataDir, 'trader.db'), TRADER_MARKETS: 'KRW-BTC,KRW-ETH,KRW-XRP' });
    const url = await listeningUrl(trader);
    const api = adminApi(url, token);

    // The reference strategy runs on the first two markets; ours takes the third.
    await eventually(async () => expect((await api('GET', '/api/v1/strategies')).body).toEqual([expect.objectContaining({ strategyId: 'basic-seven-rules', markets: ['KRW-BTC', 'KRW-ETH'] })]), {
      timeoutMs: 20_000,
    });
    await eventually(async () => expect((await api('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 20_000 });
    expect((await api('POST', '/api/v1/strategies', quickRoundTripStrategy)).status).toBe(201);

    // Market data through the same API: listed markets, tickers, candles with indicators.
    expect((await api('GET', '/api/v1/markets')).body).toEqual(expect.arrayContaining([expect.objectContaining({ market: 'KRW-XRP' })]));
    expect(((await api('GET', '/api/v1/tickers')).body as Array<{ market: string }>).map((t) => t.market).sort()).toEqual(['KRW-BTC', 'KRW-ETH', 'KRW-XRP']);
    const chart = (await api('GET', '/api/v1/markets/KRW-BTC/candles?timeframe=1m&count=10')).body as { source: string; candles: Array<{ close: string; sma20: number | null }> };
    expect(chart.source).toBe('trade-stream');
    const { candles } = chart;
    expect(candles).toHaveLength(10);
    expect(typeof candles[9]?.sma20).toBe('number');
    expect((await api('GET', '/api/v1/markets/KRW-BTC/candles?timeframe=2m')).status).toBe(400);

    // An entry, then an exit, both filled on the simulator.
    const orders = await eventually(
      async () => {
        const rows = (await api('GET', '/api/v1/orders?market=KRW-XRP')).body as OrderRow[];
        const filled = rows.filter((o) => o.status === 'filled' || o.status === 'cancelled');
        expect(filled.map((o) => o.side).sort()).toEqual(expect.arrayContaining(['buy', 'sell']));
        return rows;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const buy = orders.find((o) => o.side === 'buy') as OrderRow;

    const positions = (await api('GET', '/api/v1/positions')).body as Array<{ market: string; realizedPnl: string; fees: string }>;
    expect(positions).toEqual(expect.arrayContaining([expect.objectContaining({ market: 'KRW-XRP' })]));
    const today = new Date().toISOString().slice(0, 10);
    const pnl = (await api('GET', `/api/v1/pnl?period=day&from=${today}&to=${today}`)).body as Array<{ fills: number }>;
    expect(pnl[0]?.fills).toBeGreaterThanOrEqual(2);

    // The whole chain of the entry shares one correlation id: decision, session, risk, order, fills, position.
    const chain = (await api('GET', `/api/v1/events?correlationId=${buy.correlationId}&limit=1000`)).body as { events: Array<{ type: string }> };
    const types = chain.events.map((e) => e.type);
    expect(types[0]).toBe('StrategyDecided');
    expect(types).toEqual(expect.arrayContaining(['SessionOrderStarted', 'OrderApproved', 'OrderSubmitted', 'OrderAccepted', 'OrderFilled', 'PositionOpened']));

    // The same through GraphQL, and the exchange's own view of the account.
    const graphql = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ orders(market: "KRW-XRP") { orderId side status } positions { market realizedPnl } pnl(period: "day", from: "${today}", to: "${today}") { fills } }` }),
    });
    const answer = (await graphql.json()) as { data: { orders: Array<{ orderId: string }>; positions: Array<{ market: string }>; pnl: Array<{ fills: number }> } };
    expect(answer.data.orders.map((o) => o.orderId)).toEqual(expect.arrayContaining([buy.orderId]));
    expect(answer.data.positions).toEqual(expect.arrayContaining([expect.objectContaining({ market: 'KRW-XRP' })]));
    // The strategy trades on meanwhile: GraphQL's count lies between the REST answers before and after it.
    const pnlAfter = (await api('GET', `/api/v1/pnl?period=day&from=${today}&to=${today}`)).body as Array<{ fills: number }>;
    expect(answer.data.pnl[0]?.fills).toBeGreaterThanOrEqual(pnl[0]?.fills ?? Number.NaN);
    expect(answer.data.pnl[0]?.fills).toBeLessThanOrEqual(pnlAfter[0]?.fills ?? Number.NaN);
    const balances = (await api('GET', '/api/v1/balances')).body as Array<{ currency: string }>;
    expect(balances.map((b) => b.currency)).toContain('KRW');

    trader.child.kill('SIGTERM');
    expect(await trader.exited).toEqual({ code: 0, signal: null });
  }, 120_000);
});
