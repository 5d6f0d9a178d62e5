import { InvalidDecimalError, InvalidVolumeError } from '../market/market.errors';
import { Dec } from '../shared/decimal';
import { DeciderSpecification } from '../shared/testing/decider-specification';
import { ApplyFill } from './position.commands';
import { positionDecider } from './position.decider';
import { PositionMarketMismatchError } from './position.errors';
import { PositionEvent, PositionFillData } from './position.events';
import { PositionState, averageEntryPrice, isOpen, profitPercent, unrealizedPnl } from './position.state';

const given = DeciderSpecification.for(positionDecider);

function fill(tradeId: string, side: 'buy' | 'sell', price: string, volume: string, fee = '0', at = 1): ApplyFill {
  return { type: 'ApplyFill', data: { market: 'KRW-BTC', tradeId, side, price, volume, fee, at } };
}

function replay(commands: ApplyFill[]): { state: PositionState; events: PositionEvent[] } {
  let state = positionDecider.initialState();
  const events: PositionEvent[] = [];
  for (const command of commands) {
    for (const event of positionDecider.decide(command, state)) {
      events.push(event);
      state = positionDecider.evolve(state, event);
    }
  }
  return { state, events };
}

const opened: PositionEvent = {
  type: 'PositionOpened',
  data: {
    market: 'KRW-BTC', tradeId: 't1', side: 'buy', price: '100000000', volume: '0.01', fee: '500', fillRealizedPnl: '0',
    quantity: '0.01', averageEntryPrice: '100000000', costBasis: '1000000', realizedPnl: '0', fees: '500', at: 1,
  },
};

describe('Position decider', () => {
  it('opens a position from a first buy', () => {
    given([]).when(fill('t1', 'buy', '100000000', '0.01', '500')).then([opened]);
  });

  it('increases it and averages the entry price', () => {
    const data: PositionFillData = {
      market: 'KRW-BTC', tradeId: 't2', side: 'buy', price: '110000000', volume: '0.01', fee: '550', fillRealizedPnl: '0',
      quantity: '0.02', averageEntryPrice: '105000000', costBasis: '2100000', realizedPnl: '0', fees: '1050', at: 1,
    };
    given([opened]).when(fill('t2', 'buy', '110000000', '0.01', '550')).then([{ type: 'PositionIncreased', data }]);
  });

  it('reduces it and realises PnL against the average entry price', () => {
    const { events } = replay([fill('t1', 'buy', '100', '1'), fill('t2', 'buy', '200', '1'), fill('t3', 'sell', '180', '0.5', '0.045')]);
    expect(events.map((e) => e.type)).toEqual(['PositionOpened', 'PositionIncreased', 'PositionReduced']);
    expect(events[2].data).toMatchObject({ fillRealizedPnl: '15', quantity: '1.5', averageEntryPrice: '150', costBasis: '225', fees: '0.045' });
  });

  it('closes it, realising exactly proceeds minus cost, and reopens on the next buy', () => {
    const { state, events } = replay([
      fill('t1', 'buy', '100', '0.3'),
      fill('t2', 'buy', '130', '0.7'),
      fill('t3', 'sell', '120', '0.33333333'),
      fill('t4', 'sell', '125', '0.66666667'),
      fill('t5', 'buy', '90', '1', '0', 9),
    ]);
    expect(events.map((e) => e.type)).toEqual(['PositionOpened', 'PositionIncreased', 'PositionReduced', 'PositionClosed', 'PositionOpened']);
    // (120 x 0.33333333 + 125 x 0.66666667) - (100 x 0.3 + 130 x 0.7) = 123.33333335 - 121
    expect((events[3]?.data as PositionFillData).realizedPnl).toBe('2.33333335');
    expect(state.realizedPnl.toFixed()).toBe('2.33333335');
    expect(state.openedAt).toBe(9);
  });

  it('ignores a trade it has already applied', () => {
    given([opened]).when(fill('t1', 'buy', '100000000', '0.01', '500')).then([]);
  });

  it('defers a sell larger than the position (its buys not learnt yet) and applies it after the buy that makes room', () => {
    const { state, events } = replay([
      fill('t1', 'buy', '100', '0.3'),
      // Learnt before the second buy it sold, which the exchange executed first.
      fill('t3', 'sell', '120', '0.5', '1', 3),
      fill('t2', 'buy', '110', '0.7', '0', 2),
    ]);
    expect(events.map((e) => e.type)).toEqual(['PositionOpened', 'PositionSellDeferred', 'PositionIncreased', 'PositionReduced']);
    expect(events[1]?.data).toEqual(expect.objectContaining({ tradeId: 't3', held: '0.3' }));
    // Cost 100 x 0.3 + 110 x 0.7 = 107 for 1.0; half sold at 120 realises 60 - 53.5 = 6.5.
    expect(state.quantity.toFixed()).toBe('0.5');
    expect(state.realizedPnl.toFixed()).toBe('6.5');
    expect(state.fees.toFixed()).toBe('1');
    expect(state.deferredSells).toBeUndefined();
    // The deferred trade is known: learning it again changes nothing.
    expect(positionDecider.decide(fill('t3', 'sell', '120', '0.5', '1', 3), state)).toEqual([]);
  });

  it('fails fast on a fill of another market', () => {
    given([opened])
      .when({ type: 'ApplyFill', data: { ...fill('t2', 'buy', '1', '1').data, market: 'KRW-ETH' } })
      .thenThrows(PositionMarketMismatchError);
  });

  it('refuses malformed fills', () => {
    given([]).when(fill('t1', 'buy', '1e3', '1')).thenThrows(InvalidDecimalError);
    given([]).when(fill('t1', 'buy', '100', '0')).thenThrows(InvalidVolumeError);
    given([]).when(fill('t1', 'buy', '100', '1', '-1')).thenThrows(InvalidDecimalError);
  });

  it('marks an open position to market', () => {
    const { state } = replay([fill('t1', 'buy', '100', '2'), fill('t2', 'buy', '110', '2')]);
    expect(isOpen(state)).toBe(true);
    expect(averageEntryPrice(state).toFixed()).toBe('105');
    expect(unrealizedPnl(state, new Dec('99.5')).toFixed()).toBe('-22');
    expect(profitPercent(state, new Dec('115.5')).toFixed()).toBe('10');
  });
});
