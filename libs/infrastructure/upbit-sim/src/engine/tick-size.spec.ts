import { Dec } from './decimal';
import { ceilToTick, floorToTick, isOnTickGrid, tickAbove, tickBelow, tickSize } from './tick-size';

describe('KRW tick sizes (table effective 2025-07-31)', () => {
  it.each([
    ['2500000', '1000'],
    ['1000000', '1000'],
    ['999500', '500'],
    ['500000', '500'],
    ['100000', '100'],
    ['50000', '50'],
    ['10000', '10'],
    ['5000', '5'],
    ['1000', '1'],
    ['100', '1'],
    ['99.9', '0.1'],
    ['5', '0.01'],
    ['0.5', '0.001'],
  ])('price %s has tick %s', (price, tick) => {
    expect(tickSize('KRW', new Dec(price)).toFixed()).toBe(tick);
  });

  it('rejects a price off the tick grid and accepts one on it', () => {
    expect(isOnTickGrid('KRW', new Dec('150000500'))).toBe(false);
    expect(isOnTickGrid('KRW', new Dec('150001000'))).toBe(true);
    expect(isOnTickGrid('KRW', new Dec('3000.5'))).toBe(false);
    expect(isOnTickGrid('KRW', new Dec('0'))).toBe(false);
  });

  it('uses 1e-8 for the BTC market and price bands for USDT', () => {
    expect(tickSize('BTC', new Dec('0.035')).toFixed()).toBe('0.00000001');
    expect(tickSize('USDT', new Dec('100000')).toFixed()).toBe('0.01');
    expect(tickSize('USDT', new Dec('5')).toFixed()).toBe('0.001');
  });

  it('rounds to the grid and steps across a band edge', () => {
    expect(floorToTick('KRW', new Dec('999999.7')).toFixed()).toBe('999500');
    expect(ceilToTick('KRW', new Dec('999999.7')).toFixed()).toBe('1000000');
    expect(tickBelow('KRW', new Dec('1000000')).toFixed()).toBe('999500');
    expect(tickAbove('KRW', new Dec('999500')).toFixed()).toBe('1000000');
  });
});
