import { StreamSignal, StreamSubscription } from '@trader/application';
import { eventually } from '@trader/runtime';
import { Dec } from '@trader/domain';
import { Harness, startHarness } from './client-harness';

interface Collected<T> {
  readonly items: Array<T | StreamSignal>;
  /** Closes the subscription and waits for its reader to finish. */
  stop(): Promise<void>;
}

function collect<T>(subscription: StreamSubscription<T>): Collected<T> {
  const items: Array<T | StreamSignal> = [];
  const reading = (async () => {
    for await (const item of subscription) items.push(item);
  })();
  return {
    items,
    stop: async () => {
      subscription.close();
      await reading;
    },
  };
}

function kinds(items: ReadonlyArray<{ kind: string }>): string[] {
  return items.map((i) => i.kind);
}

function marketsOf(items: ReadonlyArray<unknown>): Set<string> {
  return new Set(items.flatMap((i) => ('market' in (i as object) ? [(i as { market: string }).market] : [])));
}

describe('Upbit client: WebSocket streams against the simulator', () => {
  describe('subscriptions', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness();
    });
    afterAll(() => h.close());

    it('merges three consumers into one subscription that serves each of them', async () => {
      const btcTicker = collect(h.client.streams.subscribe({ kind: 'ticker', markets: ['KRW-BTC'] }));
      const ethTicker = collect(h.client.streams.subscribe({ kind: 'ticker', markets: ['KRW-ETH'], onlyRealtime: true }));
      const xrpBook = collect(h.client.streams.subscribe({ kind: 'orderbook', markets: ['KRW-XRP'], depth: 5 }));
      try {
        await eventually(() => {
          expect(xrpBook.items.length).toBeGreaterThan(0);
          expect(ethTicker.items.length).toBeGreaterThan(0);
        });
        // Upbit replaces a connection's subscription with each request: the first consumer still
        // receiving after the last one subscribed proves the request carried all three.
        const btcSoFar = btcTicker.items.length;
        await eventually(() => expect(btcTicker.items.length).toBeGreaterThan(btcSoFar));

        expect(marketsOf(btcTicker.items)).toEqual(new Set(['KRW-BTC']));
        expect(marketsOf(ethTicker.items)).toEqual(new Set(['KRW-ETH']));
        expect(ethTicker.items.every((m) => 'streamType' in m && m.streamType === 'REALTIME')).toBe(true);
        expect(kinds(xrpBook.items).every((k) => k === 'orderbook')).toBe(true);
        expect(xrpBook.items.every((m) => 'units' in m && m.units.length <= 5)).toBe(true);
        const first = btcTicker.items[0];
        expect(first && 'tradePrice' in first && first.tradePrice instanceof Dec).toBe(true);

        // One consumer leaves: the others keep their data.
        await ethTicker.stop();
        const xrpSoFar = xrpBook.items.length;
        const btcAfter = btcTicker.items.length;
        await eventually(() => {
          expect(xrpBook.items.length).toBeGreaterThan(xrpSoFar);
          expect(btcTicker.items.length).toBeGreaterThan(btcAfter);
        });
        const stats = h.client.streams.stats();
        expect(stats.connections.public?.consumers).toBe(2);
        expect(stats.messagesByType['ticker']).toBeGreaterThan(0);
        expect(stats.decodeErrors).toBe(0);
      } finally {
        await Promise.all([btcTicker.stop(), ethTicker.stop(), xrpBook.stop()]);
      }
    });

    it('bounds the memory of a consumer that does not read: conflated snapshots, counted drops', async () => {
      const tickers = h.client.streams.subscribe({ kind: 'ticker', markets: ['KRW-BTC', 'KRW-ETH', 'KRW-XRP'], bufferSize: 8 });
      const trades = h.client.streams.subscribe({ kind: 'trade', markets: ['KRW-BTC', 'KRW-ETH', 'KRW-XRP'], bufferSize: 5 });
      try {
        await eventually(() => {
          expect(tickers.stats().conflated).toBeGreaterThan(20);
          expect(trades.stats().dropped).toBeGreaterThan(0);
        }, { timeoutMs: 10_000 });
        // One queued snapshot per market at most, and never more trades than the buffer holds.
        expect(tickers.stats().buffered).toBeLessThanOrEqual(3);
        expect(trades.stats().buffered).toBe(5);
        expect(h.client.streams.stats().dropped).toBeGreaterThanOrEqual(trades.stats().dropped);
        // The newest snapshot is what a late reader gets.
        const first = await tickers.next();
        expect(first).toEqual(expect.objectContaining({ kind: 'ticker' }));
      } finally {
        tickers.close();
        trades.close();
      }
    });

    it('streams one-second candles as exact OHLC', async () => {
      const candles = collect(h.client.streams.subscribe({ kind: 'candle.1s', markets: ['KRW-ETH'] }));
      try {
        await eventually(() => expect(candles.items.length).toBeGreaterThan(0));
        const candle = candles.items.find((c) => c.kind === 'candle');
        expect(candle).toEqual(expect.objectContaining({ kind: 'candle', interval: '1s', market: 'KRW-ETH' }));
        if (candle?.kind === 'candle') expect(candle.highPrice.greaterThanOrEqualTo(candle.lowPrice)).toBe(true);
      } finally {
        await candles.stop();
      }
    });

    it('delivers our balance changes on the private stream', async () => {
      const assets = collect(h.client.streams.subscribeAssets());
      try {
        await eventually(() => expect(h.client.streams.stats().connections.private?.subscriptionRequests).toBeGreaterThan(0));
        const [ticker] = await h.client.queries.getTickers(['KRW-BTC']);
        const [instrument] = await h.client.queries.getInstruments(['KRW-BTC']);
        const tick = instrument?.tickSize ?? new Dec(1000);
        const price = (ticker?.tradePrice ?? new Dec(0)).times(0.8).div(tick).floor().times(tick);
        const identifier = `asset-${Date.now()}`;
        await h.client.gateway.placeOrder({ market: 'KRW-BTC', side: 'bid', ordType: 'limit', price, volume: new Dec('0.001'), identifier });
        await eventually(() => {
          const update = assets.items.find((a) => a.kind === 'asset-update');
          expect(update && 'assets' in update ? update.assets.map((a) => a.currency) : []).toContain('KRW');
        });
        await h.client.gateway.cancelOrder({ identifier });
      } finally {
        await assets.stop();
      }
    });

    it('delivers our own order events on the private stream', async () => {
      const orders = collect(h.client.streams.subscribeOrders([]));
      try {
        await eventually(() => expect(h.client.streams.stats().connections.private?.subscriptionRequests).toBeGreaterThan(0));
        const [ticker] = await h.client.queries.getTickers(['KRW-BTC']);
        const [instrument] = await h.client.queries.getInstruments(['KRW-BTC']);
        const tick = instrument?.tickSize ?? new Dec(1000);
        const price = (ticker?.tradePrice ?? new Dec(0)).times(0.8).div(tick).floor().times(tick);
        const identifier = `ws-${Date.now()}`;
        await h.client.gateway.placeOrder({ market: 'KRW-BTC', side: 'bid', ordType: 'limit', price, volume: new Dec('0.001'), identifier });
        await eventually(() =>
          expect(orders.items).toContainEqual(expect.objectContaining({ kind: 'order-update', identifier, state: 'wait', market: 'KRW-BTC' })),
        );
        await h.client.gateway.cancelOrder({ identifier });
        await eventually(() => expect(orders.items).toContainEqual(expect.objectContaining({ identifier, state: 'cancel' })));
      } finally {
        await orders.stop();
      }
    });
  });

  describe('a private consumer that falls behind', () => {
    it('gets a gap instead of silently losing order updates, and its buffer stays bounded', async () => {
      const h = await startHarness({}, { bufferSize: 3 });
      const orders = h.client.streams.subscribeOrders([]);
      try {
        await eventually(() => expect(h.client.streams.stats().connections.private?.subscriptionRequests).toBeGreaterThan(0));
        const [ticker] = await h.client.queries.getTickers(['KRW-BTC']);
        const [instrument] = await h.client.queries.getInstruments(['KRW-BTC']);
        const tick = instrument?.tickSize ?? new Dec(1000);
        const price = (ticker?.tradePrice ?? new Dec(0)).times(0.8).div(tick).floor().times(tick);
        // Nobody reads while three orders are placed and cancelled: six updates for a buffer of three.
        for (let n = 0; n < 3; n += 1) {
          const identifier = `behind-${Date.now()}-${n}`;
          await h.client.gateway.placeOrder({ market: 'KRW-BTC', side: 'bid', ordType: 'limit', price, volume: new Dec('0.001'), identifier });
          await h.client.gateway.cancelOrder({ identifier });
        }
        await eventually(() => expect(h.client.streams.stats().messagesByType['myOrder']).toBeGreaterThanOrEqual(6));
        expect(orders.stats().buffered).toBeLessThanOrEqual(4);

        const read: Array<{ kind: string }> = [];
        while (orders.stats().buffered > 0) read.push((await orders.next()) as { kind: string });
        expect(read[0]).toEqual(expect.objectContaining({ kind: 'stream-gap', connection: 'private', reason: expect.stringMatching(/behind/) }));
        expect(orders.stats().dropped + read.filter((m) => m.kind === 'order-update').length).toBe(6);
      } finally {
        orders.close();
        await h.close();
      }
    });
  });

  describe('connection failures', () => {
    it('reconnects after a dropped connection, re-subscribes and reports the gap', async () => {
      const h = await startHarness({}, { socket: { reconnect: { baseMs: 50, maxMs: 200 } } });
      const ticker = collect(h.client.streams.subscribe({ kind: 'ticker', markets: ['KRW-BTC'] }));
      try {
        await eventually(() => expect(ticker.items.length).toBeGreaterThan(0));
        expect(h.sim.admin.dropWebSockets()).toBeGreaterThan(0);

        await eventually(() => expect(kinds(ticker.items)).toContain('stream-recovered'));
        const gapAt = kinds(ticker.items).indexOf('stream-gap');
        const recoveredAt = kinds(ticker.items).indexOf('stream-recovered');
        expect(gapAt).toBeGreaterThan(0);
        expect(recoveredAt).toBeGreaterThan(gapAt);
        // Data flows again on the new connection: the subscription was sent again.
        await eventually(() => expect(kinds(ticker.items.slice(recoveredAt + 1))).toContain('ticker'));
        const recovered = ticker.items[recoveredAt] as StreamSignal;
        expect(recovered).toEqual(expect.objectContaining({ connection: 'public', since: (ticker.items[gapAt] as StreamSignal).since }));
        const stats = h.client.streams.stats().connections.public;
        expect(stats).toEqual(expect.objectContaining({ gaps: 1, reconnects: 1, open: true }));
        expect(stats?.subscriptionRequests).toBe(2);
      } finally {
        await ticker.stop();
        await h.close();
      }
    });

    it('detects a silent stream, drops it and comes back when data flows again', async () => {
      const h = await startHarness({}, { socket: { silenceTimeoutMs: 400, watchdogIntervalMs: 50, reconnect: { baseMs: 50, maxMs: 200 } } });
      const ticker = collect(h.client.streams.subscribe({ kind: 'ticker', markets: ['KRW-BTC'] }));
      try {
        await eventually(() => expect(ticker.items.length).toBeGreaterThan(0));
        h.sim.admin.stallStream(1_000);
        await eventually(() => expect(h.client.streams.stats().connections.public?.silences).toBeGreaterThan(0), { timeoutMs: 3_000 });
        // The watchdog closes the socket; the gap reaches the consumer once the close has happened.
        await eventually(() =>
          expect(ticker.items.find((i) => i.kind === 'stream-gap')).toEqual(expect.objectContaining({ reason: expect.stringMatching(/^silent for \d+ ms$/) })),
        );
        await eventually(() => expect(kinds(ticker.items)).toContain('stream-recovered'), { timeoutMs: 5_000 });
        const recoveredAt = kinds(ticker.items).lastIndexOf('stream-recovered');
        await eventually(() => expect(kinds(ticker.items.slice(recoveredAt + 1))).toContain('ticker'), { timeoutMs: 5_000 });
      } finally {
        await ticker.stop();
        await h.close();
      }
    });

    it('keeps a quiet connection alive with PING past the server idle timeout', async () => {
      const h = await startHarness({ idleTimeoutMs: 600 }, { socket: { pingIntervalMs: 150, watchdogIntervalMs: 50 } });
      const orders = collect(h.client.streams.subscribeOrders(['KRW-BTC']));
      try {
        await eventually(() => expect(h.client.streams.stats().connections.private?.pingsSent).toBeGreaterThan(8), { timeoutMs: 4_000 });
        const stats = h.client.streams.stats().connections.private;
        expect(stats).toEqual(expect.objectContaining({ connects: 1, gaps: 0, open: true }));
        expect(stats?.lastMessageAgeMs).toBeLessThan(600);
      } finally {
        await orders.stop();
        await h.close();
      }
    });
  });
});
