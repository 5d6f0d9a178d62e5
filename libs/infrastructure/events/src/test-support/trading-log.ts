import type { StreamAppend } from '../store/stream-append';

const day = 86_400_000;

/**
 * `orders` orders over 3 markets, each submitted, accepted and filled in two parts (every fifth
 * cancelled after its first fill), with the position event of each fill, spread over several days,
 * and a strategy defined and switched off: every kind of row the three read models write.
 */
export function tradingLog(orders: number): StreamAppend[] {
  const appends: StreamAppend[] = [];
  const quantity = new Map<string, number>();
  const append = (streamId: string, eventId: string, type: string, data: object): void => {
    appends.push({ streamId, expectedVersion: 'any', events: [{ eventId, type, data, metadata: { correlationId: `c-${eventId.split('/')[0]}`, causationId: eventId } }] });
  };
  const strategy = { id: 's-1', name: 'trend', version: 1, enabled: true, markets: ['KRW-BTC'], timeframe: '1m' };
  append('strategy-s-1', 's-1/0', 'StrategyDefined', { definition: strategy, at: 0 });
  for (let n = 0; n < orders; n += 1) {
    const orderId = `o-${n}`;
    const market = `KRW-C${n % 3}`;
    const held = quantity.get(market) ?? 0;
    const side = held === 0 ? 'buy' : 'sell';
    // Whole milliseconds, as the clock gives them (PostgreSQL's bigint columns refuse a fraction, SQLite stored it).
    const at = Math.round(n * (day / 7));
    const stream = `order-${orderId}`;
    append(stream, `${orderId}/0`, 'OrderSubmitted', { orderId, market, side, orderType: 'limit', timeInForce: 'gtc', price: '1000', volume: '2', funds: null, submittedAt: at });
    append(stream, `${orderId}/1`, 'OrderAccepted', { orderId, exchangeOrderId: `x-${n}`, acceptedAt: at + 1 });
    const cancelled = n % 5 === 4;
    const parts = cancelled ? ['1'] : ['1', '2'];
    for (const [i, executed] of parts.entries()) {
      append(stream, `${orderId}/f${i}`, 'OrderFilled', {
        orderId, market, side, tradeId: `t-${n}-${i}`, price: '1000', volume: '1', funds: '1000', fee: '0.5', executedVolume: executed, executedFunds: `${Number(executed) * 1000}`, filledAt: at + 2 + i,
      });
      const after = side === 'buy' ? held + Number(executed) : held - Number(executed);
      quantity.set(market, after);
      const type = side === 'buy' ? (held === 0 && i === 0 ? 'PositionOpened' : 'PositionIncreased') : after === 0 ? 'PositionClosed' : 'PositionReduced';
      append(`position-${market}`, `${orderId}/p${i}`, type, {
        market, tradeId: `t-${n}-${i}`, side, price: '1000', volume: '1', fee: '0.5', fillRealizedPnl: side === 'sell' ? '0.1' : '0',
        quantity: `${after}`, averageEntryPrice: after === 0 ? '0' : '1000', costBasis: `${after * 1000}`, realizedPnl: `${n}.1`, fees: `${n}.5`, at: at + 2 + i,
      });
    }
    if (cancelled) {
      append(stream, `${orderId}/2`, 'OrderCancelRequested', { orderId, at: at + 5 });
      append(stream, `${orderId}/3`, 'OrderCancelled', { orderId, at: at + 6 });
    }
  }
  append('strategy-s-1', 's-1/1', 'StrategyDisabled', { strategyId: 's-1', version: 1, at: orders });
  return appends;
}
