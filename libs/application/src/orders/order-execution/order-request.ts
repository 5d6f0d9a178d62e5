import type { OrderSubmitted } from '@trader/domain';
import { Dec } from '@trader/domain';
import { OrderRequest } from '../../ports/exchange-gateway.types';

/**
 * Translates our order into Upbit's terms (upbit-api.md §1.2): a market buy is ord_type `price` and
 * spends `price` of the quote currency, a market sell is ord_type `market` with a volume, and `best`
 * spends funds when buying and sells a volume when selling. Our client order id is Upbit's `identifier`.
 */
export function toOrderRequest(order: OrderSubmitted['data']): OrderRequest {
  const side = order.side === 'buy' ? 'bid' : 'ask';
  const timeInForce = order.timeInForce === 'gtc' ? undefined : order.timeInForce;
  const decimal = (value: string | null): Dec | undefined => (value === null ? undefined : new Dec(value));
  const common = { market: order.market, side, identifier: order.orderId, ...(timeInForce ? { timeInForce } : {}) } as const;
  switch (order.orderType) {
    case 'limit':
      return { ...common, ordType: 'limit', price: decimal(order.price), volume: decimal(order.volume) };
    case 'market':
      return order.side === 'buy'
        ? { ...common, ordType: 'price', price: decimal(order.funds) }
        : { ...common, ordType: 'market', volume: decimal(order.volume) };
    case 'best':
      return order.side === 'buy'
        ? { ...common, ordType: 'best', price: decimal(order.funds) }
        : { ...common, ordType: 'best', volume: decimal(order.volume) };
  }
}
