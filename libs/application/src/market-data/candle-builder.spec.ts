import { Dec } from '@trader/domain';
import fc from 'fast-check';
import { CandleBuilder } from './candle-builder';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);

let sequence = 0;
function trade(at: number, price: string, volume = '0.1', market = 'KRW-BTC', sequentialId = (sequence += 1)) {
  return { market, price: new Dec(price), volume: new Dec(volume), tradeTimestamp: at, sequentialId };
}

describe('CandleBuilder', () => {
  it('builds OHLCV for a minute and closes it when the next minute trades', () => {
    const builder = new CandleBuilder(MINUTE);
    expect(builder.add(trade(T0 + 1_000, '100'))).toBeUndefined();
    builder.add(trade(T0 + 20_000, '105', '0.2'));
    builder.add(trade(T0 + 40_000, '98'));
    builder.add(trade(T0 + 59_999, '101'));
    const closed = builder.add(trade(T0 + MINUTE, '102'));
    expect(closed).toEqual(
      expect.objectContaining({ market: 'KRW-BTC', openTime: T0, trades: 4, lastTradeAt: T0 + 59_999 }),
    );
    expect([closed?.open, closed?.high, closed?.low, closed?.close].map((d) => d?.toFixed())).toEqual(['100', '105', '98', '101']);
    expect(closed?.volume.toFixed()).toBe('0.5');
    expect(closed?.value.toFixed()).toBe('50.9');
    expect(builder.current('KRW-BTC')?.openTime).toBe(T0 + MINUTE);
  });

  it('closes a quiet market’s candle on flush once its minute is over, and only then', () => {
    const builder = new CandleBuilder(MINUTE);
    builder.add(trade(T0 + 5_000, '100'));
    expect(builder.flush(T0 + 59_999)).toEqual([]);
    expect(builder.flush(T0 + MINUTE).map((c) => c.openTime)).toEqual([T0]);
    expect(builder.current('KRW-BTC')).toBeUndefined();
  });

  it('counts a trade delivered twice once, and drops a trade for a candle already closed', () => {
    const builder = new CandleBuilder(MINUTE);
    const first = trade(T0 + 1_000, '100');
    builder.add(first);
    builder.add(first);
    expect(builder.current('KRW-BTC')?.trades).toBe(1);
    builder.flush(T0 + MINUTE);
    builder.add(trade(T0 + 2_000, '90'));
    expect(builder.current('KRW-BTC')).toBeUndefined();
    expect(builder.droppedLateTrades()).toBe(1);
  });

  it('keeps markets apart', () => {
    const builder = new CandleBuilder(MINUTE);
    builder.add(trade(T0, '100', '1', 'KRW-BTC'));
    builder.add(trade(T0, '5', '1', 'KRW-XRP'));
    expect(builder.current('KRW-BTC')?.close.toFixed()).toBe('100');
    expect(builder.current('KRW-XRP')?.close.toFixed()).toBe('5');
  });

  it('agrees with a straightforward recomputation for any trade sequence', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dt: fc.integer({ min: 0, max: 50_000 }), price: fc.integer({ min: 1, max: 10_000 }), volume: fc.integer({ min: 1, max: 1_000 }) }), {
          minLength: 1,
          maxLength: 200,
        }),
        (steps) => {
          const builder = new CandleBuilder(MINUTE);
          let at = T0;
          const trades = steps.map((s, i) => {
            at += s.dt;
            return trade(at, String(s.price), String(s.volume / 1000), 'KRW-BTC', i + 1);
          });
          const built = trades.map((t) => builder.add(t)).filter((c) => c !== undefined);
          built.push(...builder.flush(Number.MAX_SAFE_INTEGER));
          const byMinute = new Map<number, typeof trades>();
          for (const t of trades) {
            const minute = t.tradeTimestamp - (t.tradeTimestamp % MINUTE);
            byMinute.set(minute, [...(byMinute.get(minute) ?? []), t]);
          }
          expect(built.map((c) => c?.openTime)).toEqual([...byMinute.keys()]);
          for (const candle of built) {
            const group = byMinute.get(candle?.openTime as number) ?? [];
            expect(candle?.open.toFixed()).toBe(group[0]?.price.toFixed());
            expect(candle?.close.toFixed()).toBe(group.at(-1)?.price.toFixed());
            expect(candle?.high.toFixed()).toBe(Dec.max(...group.map((t) => t.price)).toFixed());
            expect(candle?.low.toFixed()).toBe(Dec.min(...group.map((t) => t.price)).toFixed());
            expect(candle?.volume.toFixed()).toBe(group.reduce((s, t) => s.plus(t.volume), new Dec(0)).toFixed());
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
