import { MarketCode } from '../market/market-code';
import { Money } from '../market/money';
import { parseOrderType } from '../market/order-type';
import { Price } from '../market/price';
import { parseSide } from '../market/side';
import { parseTimeInForce } from '../market/time-in-force';
import { Volume } from '../market/volume';
import { SubmitOrder } from './order.commands';
import { InvalidOrderTermsError } from './order.errors';
import { OrderSubmitted } from './order.events';

/**
 * Validates what Upbit accepts for POST /orders (upbit-api.md §1.2): limit needs price and volume; a
 * market buy spends funds, a market sell sells volume; best needs ioc or fok; ioc/fok only with limit or
 * best; post_only only with limit. Returns the OrderSubmitted payload, decimals normalised.
 */
export function validateOrderTerms(command: SubmitOrder['data']): OrderSubmitted['data'] {
  if (command.orderId.trim() === '') throw new InvalidOrderTermsError('the client order id is empty', command.orderId);
  const market = MarketCode.parse(command.market);
  const side = parseSide(command.side);
  const orderType = parseOrderType(command.orderType);
  const timeInForce = parseTimeInForce(command.timeInForce);
  const base = { orderId: command.orderId, market: market.value, side, orderType, timeInForce, submittedAt: command.at };

  const spendsFunds = orderType !== 'limit' && side === 'buy';
  const needs = {
    price: orderType === 'limit',
    volume: !spendsFunds,
    funds: spendsFunds,
  };
  for (const field of ['price', 'volume', 'funds'] as const) {
    const present = command[field] !== undefined;
    if (present !== needs[field]) {
      const verb = needs[field] ? 'needs' : 'takes no';
      throw new InvalidOrderTermsError(`a ${orderType} ${side} order ${verb} ${field}`, command);
    }
  }
  if (orderType === 'market' && timeInForce !== 'gtc') {
    throw new InvalidOrderTermsError('a market order takes no time in force', command);
  }
  if (orderType === 'best' && timeInForce !== 'ioc' && timeInForce !== 'fok') {
    throw new InvalidOrderTermsError('a best order needs time in force ioc or fok', command);
  }

  const funds = command.funds === undefined ? null : Money.of(command.funds, market.quote);
  if (funds && !funds.amount.gt(0)) throw new InvalidOrderTermsError('funds must be positive', command.funds);
  return {
    ...base,
    price: command.price === undefined ? null : Price.of(market, command.price).toString(),
    volume: command.volume === undefined ? null : Volume.of(command.volume).toString(),
    funds: funds ? funds.amount.toFixed() : null,
  };
}
