import { upbit } from 'ccxt';
import { RunningSimulator } from './simulator';
import { startTestSimulator } from './test-support/test-simulator';

/**
 * The proof that the simulator speaks Upbit's protocol and not our own: ccxt's `upbit` class, an
 * independent and widely used client, pointed at the simulator, signs with its own JWT code (HS256)
 * and parses the answers with its own code.
 */
describe('ccxt upbit against the simulator', () => {
  let sim: RunningSimulator;
  let exchange: upbit;

  beforeAll(async () => {
    ({ sim } = await startTestSimulator({ warmup: { steps: 120, stepMs: 60_000 } }));
    exchange = new upbit({ apiKey: sim.accounts[0].accessKey, secret: sim.accounts[0].secretKey, enableRateLimit: true });
    exchange.urls['api'] = { public: sim.baseUrl, private: sim.baseUrl };
  });

  afterAll(() => sim.close());

  it('loads markets and fetches ticker, order book and candles', async () => {
    const markets = await exchange.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/KRW', 'ETH/KRW', 'XRP/KRW']);

    const ticker = await exchange.fetchTicker('BTC/KRW');
    expect(ticker.symbol).toBe('BTC/KRW');
    expect(ticker.last).toBeGreaterThan(0);
    expect(ticker.baseVolume).toBeGreaterThan(0);

    const book = await exchange.fetchOrderBook('XRP/KRW');
    expect(book.asks).toHaveLength(30);
    expect(book.bids[0][0] ?? Infinity).toBeLessThan(book.asks[0][0] ?? 0);

    const candles = await exchange.fetchOHLCV('ETH/KRW', '1m', undefined, 50);
    expect(candles.length).toBeGreaterThan(10);
    const [time, open, high, low, close, volume] = candles[candles.length - 1];
    expect(time).toBeLessThanOrEqual(sim.clock.now());
    expect(high ?? 0).toBeGreaterThanOrEqual(Math.max(open ?? 0, close ?? 0, low ?? 0));
    expect(volume).toBeGreaterThan(0);
  });

  it('creates, fetches and cancels a limit order, and sees the balance locked and released', async () => {
    const created = await exchange.createOrder('XRP/KRW', 'limit', 'buy', 10, 1000, { clientOrderId: 'ccxt-1' });
    const id = String(created.id);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const fetched = await exchange.fetchOrder(id);
    expect([fetched.status, fetched.price, fetched.amount, fetched.remaining, fetched.clientOrderId]).toEqual(['open', 1000, 10, 10, 'ccxt-1']);
    const balance = await exchange.fetchBalance();
    expect(balance['KRW'].used).toBeCloseTo(10005, 6);

    const open = await exchange.fetchOpenOrders('XRP/KRW');
    expect(open.map((o) => o.id)).toEqual([id]);

    await exchange.cancelOrder(id);
    const cancelled = await exchange.fetchOrder(id);
    expect(cancelled.status).toBe('canceled');
    expect((await exchange.fetchBalance())['KRW'].used).toBe(0);
  });

  it('fetches recent trades and all tickers', async () => {
    const trades = await exchange.fetchTrades('BTC/KRW', undefined, 20);
    expect(trades.length).toBeGreaterThan(0);
    expect(trades[0].side === 'buy' || trades[0].side === 'sell').toBe(true);
    const tickers = await exchange.fetchTickers(['BTC/KRW', 'XRP/KRW']);
    expect(Object.keys(tickers).sort()).toEqual(['BTC/KRW', 'XRP/KRW']);
  });

  it('edits an order through cancel_and_new and lists it among closed orders after cancelling', async () => {
    const created = await exchange.createOrder('XRP/KRW', 'limit', 'buy', 10, 1000);
    const edited = await exchange.editOrder(String(created.id), 'XRP/KRW', 'limit', 'buy', 12, 1001);
    const replacement = await exchange.fetchOrder(String(edited.id));
    expect([replacement.status, replacement.price, replacement.amount]).toEqual(['open', 1001, 12]);
    await exchange.cancelOrder(String(edited.id));
    const closed = await exchange.fetchClosedOrders('XRP/KRW', undefined, undefined, { state: 'cancel' });
    expect(closed.map((o) => o.id)).toEqual(expect.arrayContaining([created.id, edited.id]));
  });

  it('executes a market sell and reports the fill', async () => {
    const sold = await exchange.createOrder('XRP/KRW', 'market', 'sell', 5);
    const order = await exchange.fetchOrder(String(sold.id));
    expect(order.status).toBe('closed');
    expect(order.filled).toBe(5);
    expect(order.trades.length).toBeGreaterThan(0);
  });
});
