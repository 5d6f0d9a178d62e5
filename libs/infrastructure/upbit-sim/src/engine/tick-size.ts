import { Dec } from './decimal';

interface TickBand {
  readonly from: Dec;
  readonly tick: Dec;
}

function bands(rows: ReadonlyArray<readonly [string, string]>): TickBand[] {
  return rows.map(([from, tick]) => ({ from: new Dec(from), tick: new Dec(tick) }));
}

/** KRW tick table effective 2025-07-31 (sheet §5; rows below 10 KRW [unverified], pattern-derived). */
const KRW_TICKS = bands([
  ['1000000', '1000'],
  ['500000', '500'],
  ['100000', '100'],
  ['50000', '50'],
  ['10000', '10'],
  ['5000', '5'],
  ['100', '1'],
  ['10', '0.1'],
  ['1', '0.01'],
  ['0.1', '0.001'],
  ['0.01', '0.0001'],
  ['0.001', '0.00001'],
  ['0.0001', '0.000001'],
  ['0.00001', '0.0000001'],
  ['0', '0.00000001'],
]);

/** USDT market table (since 2024-08-19). */
const USDT_TICKS = bands([
  ['10', '0.01'],
  ['1', '0.001'],
  ['0.1', '0.0001'],
  ['0.01', '0.00001'],
  ['0.001', '0.000001'],
  ['0.0001', '0.0000001'],
  ['0', '0.00000001'],
]);

export const FLAT_TICK = new Dec('0.00000001');

/** The tick table of a quote currency, highest band first; undefined where one tick fits every price (BTC). */
export function tickTable(quoteCurrency: string): ReadonlyArray<{ readonly from: Dec; readonly tick: Dec }> | undefined {
  return quoteCurrency === 'KRW' ? KRW_TICKS : quoteCurrency === 'USDT' ? USDT_TICKS : undefined;
}

/** The price unit for a price in a quote currency (BTC market: 1e-8 at every price). */
export function tickSize(quoteCurrency: string, price: Dec): Dec {
  const table = tickTable(quoteCurrency);
  if (table === undefined) return FLAT_TICK;
  const band = table.find((b) => price.gte(b.from));
  return (band ?? table[table.length - 1]).tick;
}

export function isOnTickGrid(quoteCurrency: string, price: Dec): boolean {
  return price.gt(0) && price.mod(tickSize(quoteCurrency, price)).isZero();
}

export function floorToTick(quoteCurrency: string, price: Dec): Dec {
  const tick = tickSize(quoteCurrency, price);
  return price.div(tick).floor().times(tick);
}

export function ceilToTick(quoteCurrency: string, price: Dec): Dec {
  const tick = tickSize(quoteCurrency, price);
  return price.div(tick).ceil().times(tick);
}

/**
 * The next valid price below a price on the grid (the lower band's tick applies at a band edge).
 * Band edges are multiples of both ticks, so one subtraction stays on the grid.
 */
export function tickBelow(quoteCurrency: string, price: Dec): Dec {
  return price.minus(tickSize(quoteCurrency, price.minus(FLAT_TICK)));
}

/** The next valid price above a price on the grid. */
export function tickAbove(quoteCurrency: string, price: Dec): Dec {
  return price.plus(tickSize(quoteCurrency, price));
}
