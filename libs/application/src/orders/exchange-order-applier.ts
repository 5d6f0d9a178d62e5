import type { Clock, OrderCommand, OrderStatus } from '@trader/domain';
import { CommandContext } from '../ports/aggregate-repository.port';
import { StoredEvent } from '../ports/event-envelope';
import { ExchangeOrder } from '../ports/exchange-gateway.types';
import { commandsForExchangeOrder } from './order-execution/exchange-order-commands';
import { OrderRepository } from './order-repository';

const TERMINAL: readonly OrderStatus[] = ['filled', 'cancelled', 'rejected'];

/**
 * Records commands on an order on behalf of the event that caused them: the command id is derived from
 * that event and the step, so handling the same event again stores nothing twice, and the correlation
 * id of the chain is carried on.
 */
export class ExchangeOrderApplier {
  constructor(
    private readonly orders: OrderRepository,
    private readonly clock: Clock,
  ) {}

  /** Brings our order in line with the exchange's view of it: accepted, its trades, its close. */
  async apply(orderId: string, cause: StoredEvent, order: ExchangeOrder): Promise<OrderStatus> {
    for (const command of commandsForExchangeOrder(order, this.clock.now())) {
      const { state } = await this.orders.load(orderId);
      if (state.status === 'new' || TERMINAL.includes(state.status)) return state.status;
      const step = command.type === 'RecordFill' ? `fill:${command.data.tradeId}` : command.type;
      await this.record(orderId, cause, step, command);
    }
    return (await this.orders.load(orderId)).state.status;
  }

  async record(orderId: string, cause: StoredEvent, step: string, command: OrderCommand): Promise<void> {
    const context: CommandContext = {
      commandId: `${cause.eventId}:${step}`,
      correlationId: cause.metadata.correlationId ?? cause.eventId,
      causationId: cause.eventId,
    };
    await this.orders.handle(orderId, command, context);
  }
}
