import type { OrderCommand } from '@trader/domain';
import { Dec } from '@trader/domain';
import { ExchangeOrder } from '../../ports/exchange-gateway.types';

/** Upbit reports fees with at most this many decimals. */
const FEE_DECIMALS = 8;

/**
 * What an order as the exchange reports it means for our order: accepted under its uuid, one fill per
 * trade, and cancelled when the exchange closed it before it filled completely. Upbit's order lookup
 * gives only the order's total `paid_fee`, so it is shared out over the trades by their funds, the last
 * trade taking the remainder so the fees add up exactly. Every command is idempotent in the decider
 * (the uuid and the trade ids are the keys), so applying the same report twice changes nothing.
 */
export function commandsForExchangeOrder(order: ExchangeOrder, now: number): OrderCommand[] {
  const commands: OrderCommand[] = [{ type: 'RecordOrderAccepted', data: { exchangeOrderId: order.uuid, at: order.createdAt } }];
  const totalFunds = order.fills.reduce((sum, fill) => sum.plus(fill.funds), new Dec(0));
  let feeLeft = order.paidFee;
  order.fills.forEach((fill, index) => {
    const last = index === order.fills.length - 1;
    const fee = last || totalFunds.isZero() ? feeLeft : order.paidFee.mul(fill.funds).div(totalFunds).toDecimalPlaces(FEE_DECIMALS, Dec.ROUND_DOWN);
    feeLeft = feeLeft.minus(fee);
    commands.push({
      type: 'RecordFill',
      data: {
        exchangeOrderId: order.uuid,
        tradeId: fill.uuid,
        price: fill.price.toFixed(),
        volume: fill.volume.toFixed(),
        fee: fee.toFixed(),
        at: fill.createdAt,
      },
    });
  });
  // Upbit's order carries no cancel time: the cancel is recorded when we learn of it.
  if (order.state === 'cancel') commands.push({ type: 'RecordOrderCancelled', data: { at: now } });
  return commands;
}
