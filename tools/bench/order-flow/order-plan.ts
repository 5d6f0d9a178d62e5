import { Dec } from '@trader/domain';

/** A market's last price and tick, read once from the simulator before the load starts. */
export interface MarketQuote {
  readonly market: string;
  readonly price: Dec;
  readonly tick: Dec;
}

export type PlannedKind = 'resting' | 'marketable';

/** One order of the load, the same for the trader and the baseline. */
export interface PlannedOrder {
  readonly seq: number;
  /** Offset from the start of the load. */
  readonly atMs: number;
  readonly market: string;
  readonly side: 'buy' | 'sell';
  readonly kind: PlannedKind;
  readonly price: Dec;
  readonly volume: Dec;
  /** Marketable orders are IOC so that nothing of them rests. */
  readonly ioc: boolean;
}

export interface LoadShape {
  readonly ordersPerSecond: number;
  readonly cancelsPerSecond: number;
  readonly durationMs: number;
}

export interface OrderPlan {
  readonly orders: readonly PlannedOrder[];
  /** Offsets at which one resting order (the oldest the exchange accepted and not yet cancelled) is cancelled. */
  readonly cancelAtMs: readonly number[];
}

/** Quote amount of every order: well above Upbit's 5,000 KRW minimum, far below the risk limits. */
const ORDER_KRW = new Dec(10_000);

function onTick(value: Dec, tick: Dec, rounding: (typeof Dec)['ROUND_DOWN'] | (typeof Dec)['ROUND_UP']): Dec {
  return value.div(tick).toDecimalPlaces(0, rounding).mul(tick);
}

/**
 * Steady load: orders evenly spaced, alternating between the markets; two in three rest far from the
 * market (buys at 70 %, sells at 130 %), one in three crosses it (IOC at ±5 %); buys and sells
 * alternate so positions stay near flat. Cancels start after one second, evenly spaced.
 */
export function orderPlan(quotes: readonly MarketQuote[], shape: LoadShape): OrderPlan {
  const count = Math.round((shape.ordersPerSecond * shape.durationMs) / 1000);
  const orders: PlannedOrder[] = [];
  for (let seq = 0; seq < count; seq += 1) {
    const quote = quotes[seq % quotes.length];
    const kind: PlannedKind = seq % 3 === 2 ? 'marketable' : 'resting';
    const side = Math.floor(seq / quotes.length) % 2 === 0 ? 'buy' : 'sell';
    const factor = kind === 'resting' ? (side === 'buy' ? 0.7 : 1.3) : side === 'buy' ? 1.05 : 0.95;
    const price = onTick(quote.price.mul(factor), quote.tick, side === 'buy' ? Dec.ROUND_DOWN : Dec.ROUND_UP);
    orders.push({
      seq,
      atMs: (seq * 1000) / shape.ordersPerSecond,
      market: quote.market,
      side,
      kind,
      price,
      volume: ORDER_KRW.div(price).toDecimalPlaces(8, Dec.ROUND_UP),
      ioc: kind === 'marketable',
    });
  }
  const cancelAtMs: number[] = [];
  for (let at = 1000; at < shape.durationMs; at += 1000 / shape.cancelsPerSecond) cancelAtMs.push(at);
  return { orders, cancelAtMs };
}

/** Last price and tick of each market, from the simulator's quotation API (as a client would read them). */
export async function readQuotes(restUrl: string, markets: readonly string[]): Promise<MarketQuote[]> {
  const get = async (path: string): Promise<Array<Record<string, unknown>>> => {
    const response = await fetch(`${restUrl}${path}?markets=${markets.join(',')}`);
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return (await response.json()) as Array<Record<string, unknown>>;
  };
  const tickers = await get('/ticker');
  const instruments = await get('/orderbook/instruments');
  return markets.map((market) => {
    const ticker = tickers.find((t) => t['market'] === market);
    const instrument = instruments.find((i) => i['market'] === market);
    if (!ticker || !instrument) throw new Error(`no ticker or instrument for ${market}`);
    return { market, price: new Dec(String(ticker['trade_price'])), tick: new Dec(String(instrument['tick_size'])) };
  });
}
