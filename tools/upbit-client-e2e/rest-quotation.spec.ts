import { Dec } from '@trader/domain';
import { ProtocolError } from '@trader/application';
import { Harness, startClient, startHarness } from './client-harness';

describe('Upbit client: quotation REST against the simulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('lists the markets', async () => {
    const markets = await h.client.queries.listMarkets();
    expect(markets.map((m) => m.market)).toEqual(expect.arrayContaining(['KRW-BTC', 'KRW-ETH', 'KRW-XRP']));
    expect(markets[0]?.koreanName.length).toBeGreaterThan(0);
  });

  // The simulator computes history on request: five year candles are six years of minutes (seconds).
  it.each([
    [{ unit: 'seconds' } as const],
    [{ unit: 'minutes', minutes: 1 } as const],
    [{ unit: 'minutes', minutes: 240 } as const],
    [{ unit: 'days' } as const],
    [{ unit: 'weeks' } as const],
    [{ unit: 'months' } as const],
    [{ unit: 'years' } as const],
  ])('reads candles %j as exact, consistent OHLC', async (candle) => {
    const candles = await h.client.queries.getCandles({ market: 'KRW-BTC', candle, count: 5 });
    expect(candles.length).toBeGreaterThan(0);
    for (const c of candles) {
      expect(c.highPrice.greaterThanOrEqualTo(Dec.max(c.openingPrice, c.tradePrice))).toBe(true);
      expect(c.lowPrice.lessThanOrEqualTo(Dec.min(c.openingPrice, c.tradePrice))).toBe(true);
    }
  }, 60_000);

  it('pages trades backwards by sequential id', async () => {
    const first = await h.client.queries.getTrades({ market: 'KRW-BTC', count: 5 });
    expect(first).toHaveLength(5);
    const last = first[first.length - 1];
    const next = await h.client.queries.getTrades({ market: 'KRW-BTC', count: 5, cursor: last?.sequentialId });
    expect(next.length).toBeGreaterThan(0);
    expect(next.every((t) => t.sequentialId < (last?.sequentialId ?? 0))).toBe(true);
  });

  it('reads tickers by market and by quote currency', async () => {
    const tickers = await h.client.queries.getTickers(['KRW-BTC', 'KRW-ETH']);
    expect(tickers.map((t) => t.market).sort()).toEqual(['KRW-BTC', 'KRW-ETH']);
    expect(tickers[0]?.tradePrice.isPositive()).toBe(true);
    const all = await h.client.queries.getTickersByQuote(['KRW']);
    expect(all.map((t) => t.market)).toEqual(expect.arrayContaining(['KRW-BTC', 'KRW-ETH', 'KRW-XRP']));
  });

  it('reads order books with asks above bids', async () => {
    const [book] = await h.client.queries.getOrderBooks({ markets: ['KRW-BTC'], count: 5 });
    expect(book?.units.length).toBe(5);
    expect(book?.units[0]?.askPrice.greaterThan(book.units[0].bidPrice)).toBe(true);
  });

  it('refuses a response above the size limit with a ProtocolError, without retrying', async () => {
    const small = await startClient(h.sim, { http: { maxResponseBytes: 256 } });
    try {
      await expect(small.client.queries.getCandles({ market: 'KRW-BTC', candle: { unit: 'minutes', minutes: 1 }, count: 50 })).rejects.toBeInstanceOf(ProtocolError);
      expect(small.client.rest.stats()).toEqual(expect.objectContaining({ requests: 1, retries: 0 }));
      await expect(small.client.queries.getInstruments(['KRW-BTC'])).resolves.toHaveLength(1);
    } finally {
      await small.close();
    }
  });

  it('reads the tick size of each market', async () => {
    const instruments = await h.client.queries.getInstruments(['KRW-BTC']);
    expect(instruments[0]).toEqual(expect.objectContaining({ market: 'KRW-BTC', quoteCurrency: 'KRW' }));
    expect(instruments[0]?.tickSize.isPositive()).toBe(true);
  });
});
