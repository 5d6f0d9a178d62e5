import { PlaceOrder } from '@trader/application';
import type { PlaceOrderResult } from '@trader/application';
import { BadRequestException, UnprocessableEntityException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { TradingOptions } from '../../trading/trading-options';
import { PlaceOrderRequestDto } from './place-order.request.dto';

/**
 * Placing an order from the admin API (REST or GraphQL), once its body is validated: only traded
 * markets, a fresh client order id unless the caller chose one, 422 when our checks deny it.
 */
export async function placeOrderFromApi(commands: CommandBus, options: TradingOptions, body: PlaceOrderRequestDto): Promise<PlaceOrderResult> {
  if (!options.markets.includes(body.market)) {
    throw new BadRequestException({
      message: [`market: ${body.market} is not traded here (TRADER_MARKETS: ${options.markets.join(', ')})`],
      errors: [{ field: 'market', message: `${body.market} is not traded here` }],
    });
  }
  const orderId = body.clientOrderId ?? randomUUID();
  const { clientOrderId: _ignored, ...terms } = body;
  const result = await commands.execute<PlaceOrder, PlaceOrderResult>(new PlaceOrder(orderId, terms, { commandId: `api-${orderId}`, correlationId: orderId }));
  if (result.status === 'denied') {
    throw new UnprocessableEntityException({ message: `order denied by the ${result.deniedBy}: ${result.reasonCode} (${result.detail})` });
  }
  return result;
}
