import { StoredEvent } from '../ports/event-envelope';
import { InMemoryEventStore } from '../testing/in-memory-event-store';
import { inMemoryRepositories } from '../testing/in-memory-repositories';
import { PositionKeeper } from './position-keeper';

function setup() {
  const { store, positions } = inMemoryRepositories(1_000);
  return { store, positions, keeper: new PositionKeeper(positions) };
}

async function fill(store: InMemoryEventStore, orderId: string, tradeId: string, side: 'buy' | 'sell', price: string, volume: string, fee: string): Promise<StoredEvent> {
  await store.append(`order-${orderId}`, 'any', [
    {
      eventId: `${orderId}-${tradeId}`,
      type: 'OrderFilled',
      data: { orderId, market: 'KRW-BTC', side, tradeId, price, volume, funds: '0', fee, executedVolume: volume, executedFunds: '0', filledAt: 5 },
      metadata: { correlationId: `corr-${orderId}` },
    },
  ]);
  return store.all().at(-1) as StoredEvent;
}

describe('PositionKeeper', () => {
  it('opens, adds to and closes the position of a market from its fills, realising PnL exactly', async () => {
    const { store, positions, keeper } = setup();
    await keeper.handle(await fill(store, 'o-1', 't-1', 'buy', '100000000', '0.001', '50'));
    await keeper.handle(await fill(store, 'o-2', 't-2', 'buy', '90000000', '0.001', '45'));
    let { state } = await positions.load('KRW-BTC');
    expect(state.quantity.toFixed()).toBe('0.002');
    expect(state.costBasis.toFixed()).toBe('190000');

    await keeper.handle(await fill(store, 'o-3', 't-3', 'sell', '110000000', '0.002', '110'));
    ({ state } = await positions.load('KRW-BTC'));
    expect(state.quantity.toFixed()).toBe('0');
    expect(state.realizedPnl.toFixed()).toBe('30000');
    expect(state.fees.toFixed()).toBe('205');
    expect([...store.readStream('position-KRW-BTC')].map((e) => e.type)).toEqual(['PositionOpened', 'PositionIncreased', 'PositionClosed']);
    expect([...store.readStream('position-KRW-BTC')][2]?.metadata).toEqual(expect.objectContaining({ correlationId: 'corr-o-3' }));
  });

  it('counts a fill delivered twice only once', async () => {
    const { store, positions, keeper } = setup();
    const event = await fill(store, 'o-1', 't-1', 'buy', '100000000', '0.001', '50');
    await keeper.handle(event);
    await keeper.handle(event);
    expect((await positions.load('KRW-BTC')).state.quantity.toFixed()).toBe('0.001');
    expect([...store.readStream('position-KRW-BTC')]).toHaveLength(1);
  });
});
