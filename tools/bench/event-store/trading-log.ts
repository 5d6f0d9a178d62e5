import type { StreamAppend } from '@trader/events';
import type { OrderEvent, PositionEvent, StrategyEvent } from '@trader/domain';
import { basicSevenRulesStrategy } from '@trader/domain';

/** Markets the log trades; each alternates a buy that opens its position and a sell that closes it. */
const marketCount = 50;
const strategyCount = 5;
/** A strategy is switched on or off every this many orders. */
const ordersPerStrategyToggle = 2_500;

const at0 = Date.UTC(2026, 10, 1);

type TradingEvent = OrderEvent | PositionEvent | StrategyEvent;

function entry(streamId: string, eventId: string, event: TradingEvent, correlationId: string, causationId: string): StreamAppend {
  return { streamId, expectedVersion: 'any', events: [{ eventId, type: event.type, data: event.data, metadata: { correlationId, causationId, commandId: causationId } }] };
}

/**
 * The events of order `n`, as the trader stores them: OrderSubmitted, OrderAccepted, OrderFilled on the
 * order's stream, then the position event on the market's stream (PositionOpened for a buy,
 * PositionClosed for the sell that follows), 4 events, all taken by the trading read models.
 */
function orderEvents(n: number): StreamAppend[] {
  const market = `KRW-C${String(n % marketCount).padStart(3, '0')}`;
  const buy = Math.floor(n / marketCount) % 2 === 0;
  const orderId = `c0ffee00-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const at = at0 + n * 1_000;
  const price = buy ? '143250000' : '143300000';
  const volume = '0.00123456';
  const funds = buy ? '176849.52' : '176911.248';
  const fee = buy ? '88.42476' : '88.455624';
  const correlationId = `decision-${n}`;
  const stream = `order-${orderId}`;
  const position: PositionEvent = {
    type: buy ? 'PositionOpened' : 'PositionClosed',
    data: {
      market,
      tradeId: `t-${n}`,
      side: buy ? 'buy' : 'sell',
      price,
      volume,
      fee,
      fillRealizedPnl: buy ? '0' : '61.728',
      quantity: buy ? volume : '0',
      averageEntryPrice: buy ? price : '0',
      costBasis: buy ? funds : '0',
      realizedPnl: buy ? '0' : '61.728',
      fees: buy ? fee : '176.880384',
      at,
    },
  };
  return [
    entry(
      stream,
      `${orderId}/0`,
      { type: 'OrderSubmitted', data: { orderId, market, side: buy ? 'buy' : 'sell', orderType: 'limit', timeInForce: 'gtc', price, volume, funds: null, submittedAt: at } },
      correlationId,
      `place-${n}`,
    ),
    entry(stream, `${orderId}/1`, { type: 'OrderAccepted', data: { orderId, exchangeOrderId: `x-${n}`, acceptedAt: at + 40 } }, correlationId, `${orderId}/0`),
    entry(
      stream,
      `${orderId}/2`,
      {
        type: 'OrderFilled',
        data: { orderId, market, side: buy ? 'buy' : 'sell', tradeId: `t-${n}`, price, volume, funds, fee, executedVolume: volume, executedFunds: funds, filledAt: at + 90 },
      },
      correlationId,
      `${orderId}/1`,
    ),
    entry(`position-${market}`, `position-${n}`, position, correlationId, `${orderId}/2`),
  ];
}

/** The strategies' definitions, then order after order; a strategy toggled now and then. */
export function* tradingLog(orders: number): Iterable<StreamAppend> {
  const definition = basicSevenRulesStrategy();
  for (let s = 0; s < strategyCount; s += 1) {
    const id = `strategy-${s}`;
    yield entry(`strategy-${id}`, `${id}/defined`, { type: 'StrategyDefined', data: { definition: { ...definition, id }, at: at0 } }, id, id);
  }
  for (let n = 0; n < orders; n += 1) {
    yield* orderEvents(n);
    if ((n + 1) % ordersPerStrategyToggle === 0) {
      const strategyId = `strategy-${(n / ordersPerStrategyToggle) % strategyCount | 0}`;
      const type = Math.floor(n / ordersPerStrategyToggle / strategyCount) % 2 === 0 ? 'StrategyDisabled' : 'StrategyEnabled';
      yield entry(`strategy-${strategyId}`, `${strategyId}/toggle-${n}`, { type, data: { strategyId, version: 1, at: at0 + n * 1_000 } }, strategyId, strategyId);
    }
  }
}

export const tradingLogMarkets = marketCount;
export const tradingLogStrategies = strategyCount;
