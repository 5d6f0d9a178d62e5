import fc from 'fast-check';
import { OrderCommand } from './order.commands';
import { orderDecider } from './order.decider';
import { OrderEvent } from './order.events';
import { OrderState } from './order.state';

function run(commands: OrderCommand[]): { state: OrderState; events: OrderEvent[] } {
  let state = orderDecider.initialState();
  const events: OrderEvent[] = [];
  for (const command of commands) {
    for (const event of orderDecider.decide(command, state)) {
      events.push(event);
      state = orderDecider.evolve(state, event);
    }
  }
  return { state, events };
}

/** A deterministic Fisher-Yates shuffle driven by an LCG, so fast-check can shrink and replay it. */
function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed;
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

describe('Order fills (property)', () => {
  it('count each trade once however often and in whatever order it is delivered', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (satoshis, duplicatePicks, seed) => {
          const expected = satoshis.reduce((a, b) => a + b, 0);
          // The order is for exactly what the trades add up to: it must end filled, never overfilled.
          const submit: OrderCommand = {
            type: 'SubmitOrder',
            data: { orderId: 'o', market: 'KRW-BTC', side: 'sell', orderType: 'limit', timeInForce: 'gtc', price: '100000000', volume: (expected / 1e8).toFixed(8), at: 0 },
          };
          const trades = satoshis.map((s, i) => ({ tradeId: `t${i}`, volume: (s / 1e8).toFixed(8) }));
          const deliveries = shuffle([...trades, ...duplicatePicks.map((pick) => trades[pick % trades.length])], seed);
          const fills = deliveries.map(
            (t, i): OrderCommand => ({ type: 'RecordFill', data: { exchangeOrderId: 'u', tradeId: t.tradeId, price: '100000000', volume: t.volume, fee: '1', at: i + 1 } }),
          );
          const { state, events } = run([submit, ...fills]);
          if (state.status === 'new') throw new Error('order was not submitted');
          expect(events.filter((e) => e.type === 'OrderFilled')).toHaveLength(trades.length);
          expect(state.executedVolume.mul(1e8).toNumber()).toBe(expected);
          expect(state.paidFee.toNumber()).toBe(trades.length);
          expect(state.status).toBe('filled');
        },
      ),
    );
  });
});
