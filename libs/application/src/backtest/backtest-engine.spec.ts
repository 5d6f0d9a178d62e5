import { Dec } from '@trader/domain';
import type { RiskLimits, StrategyDefinition } from '@trader/domain';
import { InMemoryEventStore } from '../testing/in-memory-event-store';
import { InMemoryMarketHistory } from '../testing/in-memory-market-history';
import { CandleColumns, StoredCandle } from '../ports/market-history.port';
import { StrategyDecidedData } from '../strategies/strategy-decided.event';
import { BacktestEngine } from './backtest-engine';
import { BacktestOptions } from './backtest-options';
import { BacktestOptionsError } from './backtest.errors';
import { DelegatingEventStore } from '../event-sourcing/delegating-event-store';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1);

const risk: RiskLimits = {
  quoteCurrency: 'KRW',
  maxNotionalPerOrder: '1000000',
  maxPositionPerMarket: '5000000',
  maxOpenOrders: 10,
  orderRate: { maxOrders: 8, perMs: 1_000 },
  maxDailyLoss: '500000',
  maxDrawdownPercent: '20',
};

/** Enters when the last closed candle closed under 50 000; closes 5% up or 5% down from the average. */
function dipBuyer(): StrategyDefinition {
  return {
    id: 'dip-buyer',
    name: 'Dip buyer',
    version: 1,
    enabled: true,
    markets: ['KRW-BTC'],
    timeframe: '1m',
    sizing: { kind: 'fixed_quote', amount: '100000' },
    triggers: [{ id: 'closed-under-50k', kind: 'entry', condition: { left: { variable: 'sma', params: { period: 1 } }, operator: '<', right: { value: 50_000 } } }],
    management: [
      { id: 'take-5', kind: 'take_profit', profitPercent: 5, basis: 'average', afterPyramiding: false },
      { id: 'stop-5', kind: 'stop_loss', lossPercent: 5 },
    ],
    conflictPolicy: { kind: 'conservative' },
  };
}

function candle(minute: number, open: number, high: number, low: number, close: number, market = 'KRW-BTC'): StoredCandle {
  return { market, timeframe: '1m', start: T0 + minute * MIN, open: String(open), high: String(high), low: String(low), close: String(close), volume: '1', value: String(close) };
}

function options(overrides: Partial<BacktestOptions> = {}): BacktestOptions {
  return {
    strategy: dipBuyer(),
    markets: ['KRW-BTC'],
    from: T0,
    to: T0 + 60 * MIN,
    initialQuote: '1000000',
    feeRate: '0.0005',
    slippageBps: 0,
    risk,
    warmUpCandles: 0,
    ...overrides,
  };
}

/** A history that also serves its candles as number columns, `pageRows` candles a page, as the SQLite one does. */
class ColumnMarketHistory extends InMemoryMarketHistory {
  constructor(
    private readonly pageRows: number,
    private readonly keepTexts: boolean,
  ) {
    super();
  }

  *candleColumns(market: string, timeframe: StoredCandle['timeframe'], from: number, to: number): Generator<CandleColumns> {
    const rows = [...this.candles(market, timeframe, from, to)];
    for (let first = 0; first < rows.length; first += this.pageRows) {
      const page = rows.slice(first, first + this.pageRows);
      const column = (field: 'start' | 'open' | 'high' | 'low' | 'close' | 'volume'): Float64Array => Float64Array.from(page, (c) => Number(c[field]));
      const texts = this.keepTexts ? { open: page.map((c) => c.open), high: page.map((c) => c.high), low: page.map((c) => c.low), close: page.map((c) => c.close) } : null;
      yield { count: page.length, start: column('start'), open: column('open'), high: column('high'), low: column('low'), close: column('close'), volume: column('volume'), texts };
    }
  }
}

/** `readBack`: the store hides its `appendAndNotify`, so the engine reads the log back after appends. */
async function run(candles: StoredCandle[], overrides: Partial<BacktestOptions> = {}, history = new InMemoryMarketHistory(), readBack = false) {
  history.saveCandles(candles);
  const store = new InMemoryEventStore();
  const engine = new BacktestEngine({ store: readBack ? new DelegatingEventStore(store) : store, history }, options(overrides));
  const result = await engine.run();
  const decisions = [...store.readAll(1)].filter((e) => e.type === 'StrategyDecided').map((e) => e.data as StrategyDecidedData);
  return { result, decisions, events: [...store.readAll(1)] };
}

describe('BacktestEngine', () => {
  it('decides on a closed candle only once its interval is over, never inside it (no look-ahead)', async () => {
    // Minute 1 falls to 40 000 and closes there: a strategy that saw the candle before it closed would
    // buy inside minute 1; the engine gives it to the indicators at minute 2's first price.
    const { decisions } = await run([candle(0, 60_000, 60_000, 60_000, 60_000), candle(1, 60_000, 60_000, 40_000, 40_000), candle(2, 41_000, 41_000, 41_000, 41_000)]);
    const entry = decisions.find((d) => d.decision.action === 'enter');
    expect(entry).toBeDefined();
    expect(entry?.tickAt).toBe(T0 + 2 * MIN);
    expect(entry?.price).toBe('41000');
  });

  it('fills a market order at the next price, never better than the decision price, with fees and the tick grid', async () => {
    // Entry decided at minute 2's open (41 000); the next price is minute 2's low 40 000, so the buy
    // fills at max(41 000, 40 000) = 41 000 (+0.1% slippage = 41 041, up to the 10 KRW tick: 41 050).
    const { result, events } = await run(
      [candle(0, 60_000, 60_000, 60_000, 60_000), candle(1, 60_000, 60_000, 40_000, 40_000), candle(2, 41_000, 41_000, 40_000, 40_500), candle(3, 40_500, 43_500, 40_500, 43_400)],
      { slippageBps: 10 },
    );
    const fills = events.filter((e) => e.type === 'OrderFilled').map((e) => e.data as { side: string; price: string; volume: string; fee: string });
    expect(fills[0]).toMatchObject({ side: 'buy', price: '41050' });
    // 100 000 KRW buys 100000 / 41050 = 2.436053593... BTC, cut to 8 decimals.
    const volume = '2.43605359';
    expect(fills[0]?.volume).toBe(volume);
    expect(new Dec(fills[0]?.fee ?? '0').eq(new Dec('41050').mul(volume).mul('0.0005'))).toBe(true);
    // Take profit: 5% over the average 41 050 is 43 102.5; minute 3's high 43 500 reaches it, the sell
    // fills at the next price (minute 3's close 43 400) less 0.1% (43 356.6), down to the 10 KRW tick: 43 350.
    expect(fills[1]).toMatchObject({ side: 'sell', price: '43350', volume });
    expect(result.trades).toHaveLength(1);
    const [trade] = result.trades;
    expect(trade).toMatchObject({ market: 'KRW-BTC', entryRule: 'closed-under-50k', exitRule: 'take-5', buys: 1, closedAt: T0 + 3 * MIN + MIN - 1 });
    const bought = new Dec('41050').mul(volume);
    const sold = new Dec('43350').mul(volume);
    const pnl = sold.minus(sold.mul('0.0005')).minus(bought.plus(bought.mul('0.0005')));
    expect(trade?.pnl).toBe(pnl.toFixed());
    expect(result.finalEquity).toBe(new Dec('1000000').plus(pnl).toFixed());
  });

  it("honours the strategy's protections as the live trader does: a cooldown holds the next entry back", async () => {
    const flat = Array.from({ length: 20 }, (_, i) => candle(4 + i, 45_000, 45_000, 45_000, 45_000));
    const candles = [candle(0, 60_000, 60_000, 60_000, 60_000), candle(1, 60_000, 60_000, 40_000, 40_000), candle(2, 41_000, 41_000, 40_000, 40_500), candle(3, 40_500, 43_500, 40_500, 43_400), ...flat];
    const { decisions, events } = await run(candles, { strategy: { ...dipBuyer(), protections: { cooldown: { periodMs: 10 * MIN } } } });
    const closed = events.find((e) => e.type === 'TradeClosedRecorded')?.data as { closedAt: number; exitReason: string | null };
    expect(closed).toEqual(expect.objectContaining({ exitReason: 'take_profit' }));
    const denied = decisions.filter((d) => d.outcome === 'order_denied');
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.every((d) => d.detail === 'risk: protection_cooldown' && (d.tickAt ?? 0) < closed.closedAt + 10 * MIN)).toBe(true);
    const buys = events.filter((e) => e.type === 'OrderFilled' && (e.data as { side: string }).side === 'buy').map((e) => (e.data as { filledAt: number }).filledAt);
    expect(buys).toHaveLength(2);
    expect(buys[1]).toBeGreaterThanOrEqual(closed.closedAt + 10 * MIN);
  });

  it('is deterministic: the same inputs give the same events and the same result', async () => {
    const candles = [candle(0, 60_000, 60_000, 60_000, 60_000), candle(1, 60_000, 60_000, 40_000, 40_000), candle(2, 41_000, 41_000, 38_000, 38_500), candle(4, 38_500, 39_000, 30_000, 31_000)];
    const first = await run(candles);
    const second = await run(candles);
    expect(JSON.stringify(second.result)).toBe(JSON.stringify(first.result));
    expect(second.events.map((e) => [e.type, e.eventId, JSON.stringify(e.data)])).toEqual(first.events.map((e) => [e.type, e.eventId, JSON.stringify(e.data)]));
    expect(first.result.trades.length).toBeGreaterThan(0);
  });

  it('routes the envelopes the store hands over as it commits exactly as the events it reads back', async () => {
    const candles = [candle(0, 60_000, 60_000, 60_000, 60_000), candle(1, 60_000, 60_000, 40_000, 40_000), candle(2, 41_000, 41_000, 38_000, 38_500), candle(4, 38_500, 39_000, 30_000, 31_000), candle(5, 31_000, 33_000, 31_000, 32_990)];
    const handedOver = await run(candles);
    const readBack = await run(candles, {}, new InMemoryMarketHistory(), true);
    expect(JSON.stringify(handedOver.result)).toBe(JSON.stringify(readBack.result));
    expect(handedOver.events.map((e) => [e.position, e.type, e.eventId, JSON.stringify(e.data)])).toEqual(readBack.events.map((e) => [e.position, e.type, e.eventId, JSON.stringify(e.data)]));
    expect(handedOver.result.trades.filter((t) => t.closedAt !== null).length).toBeGreaterThan(0);
  });

  it('decides and fills the same from number columns as from the candles, with or without the page texts', async () => {
    // Prices written "41000.0" print back as "41000": such a page hands the engine its texts.
    const candles = [candle(0, 60_000, 60_000, 60_000, 60_000), candle(1, 60_000, 60_000, 40_000, 40_000), candle(2, 41_000, 41_000, 38_000, 38_500), candle(4, 38_500, 39_000, 30_000, 31_000), candle(5, 31_000, 33_000, 31_000, 32_990)];
    const withZeros = candles.map((c, i) => (i === 2 ? { ...c, open: '41000.0', close: '38500.00' } : c));
    const shape = (r: Awaited<ReturnType<typeof run>>) => ({ result: JSON.stringify(r.result), events: r.events.map((e) => [e.type, e.eventId, JSON.stringify(e.data)]) });

    for (const input of [candles, withZeros]) {
      const fromCandles = await run(input);
      expect(fromCandles.result.trades.length).toBeGreaterThan(0);
      expect(shape(await run(input, {}, new ColumnMarketHistory(2, true)))).toEqual(shape(fromCandles));
    }
    expect(shape(await run(candles, {}, new ColumnMarketHistory(3, false)))).toEqual(shape(await run(candles)));
  });

  it('runs several markets in one time order and keeps a gap as a gap', async () => {
    const eth = (minute: number, price: number) => candle(minute, price, price, price, price, 'KRW-ETH');
    const { result } = await run(
      [candle(0, 60_000, 60_000, 60_000, 60_000), candle(5, 45_000, 45_000, 45_000, 45_000), candle(6, 45_000, 45_100, 45_000, 45_100), eth(0, 3_000_000), eth(1, 3_000_000), eth(7, 3_000_000)],
      { markets: ['KRW-BTC', 'KRW-ETH'] },
    );
    expect(result.candlesProcessed).toBe(6);
    expect(result.trades.map((t) => t.market)).toEqual(['KRW-BTC']);
    expect(result.trades[0]).toMatchObject({ closedAt: null, exitRule: 'end_of_run' });
  });

  it('refuses bad options, naming the field, before touching the store', async () => {
    const store = new InMemoryEventStore();
    const history = new InMemoryMarketHistory();
    expect(() => new BacktestEngine({ store, history }, options({ initialQuote: 'NaN' }))).toThrow(BacktestOptionsError);
    expect(() => new BacktestEngine({ store, history }, options({ slippageBps: -1 }))).toThrow('slippageBps');
    expect(() => new BacktestEngine({ store, history }, options({ from: T0, to: T0 }))).toThrow('from');
    expect([...store.readAll(1)]).toHaveLength(0);
  });

  it('says there is no history when the range holds none', async () => {
    await expect(run([])).rejects.toThrow('no 1m candles or recorded trades of KRW-BTC');
  });
});
