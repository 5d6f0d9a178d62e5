import type { OrderCommand, PlacedOrder } from '@trader/domain';
import { ExchangeOrder } from '../../ports/exchange-gateway.types';
import { missingFills } from '../missing-fills';

/**
 * What is left to record of an order as the exchange reports it, given what we recorded: its
 * acceptance under its uuid (unless known), one fill per trade we have not counted (their fees are the
 * part of the order's `paid_fee` not recorded yet, shared out by funds: see `missingFills`), and its
 * cancel when the exchange closed it before it filled completely. Computed afresh from the order's
 * current state before every step, so fees recorded meanwhile by the private stream are never counted
 * twice.
 */
export function commandsForExchangeOrder(order: ExchangeOrder, recorded: PlacedOrder, now: number): OrderCommand[] {
  const commands: OrderCommand[] = [];
  if (recorded.exchangeOrderId === null) commands.push({ type: 'RecordOrderAccepted', data: { exchangeOrderId: order.uuid, at: order.createdAt } });
  commands.push(...missingFills(order, recorded));
  // Upbit's order carries no cancel time: the cancel is recorded when we learn of it.
  if (order.state === 'cancel') commands.push({ type: 'RecordOrderCancelled', data: { at: now } });
  return commands;
}
