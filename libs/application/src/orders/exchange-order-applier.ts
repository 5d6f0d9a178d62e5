import type { Clock, OrderCommand, OrderStatus } from '@trader/domain';
import { CommandContext } from '../ports/aggregate-repository.port';
import { StoredEvent } from '../ports/event-envelope';
import { ExchangeOrder } from '../ports/exchange-gateway.types';
import { retryOnConflict } from '../trading/conflict-retry';
import { commandsForExchangeOrder } from './order-execution/exchange-order-commands';
import { OrderRepository } from './order-repository';

const TERMINAL: readonly OrderStatus[] = ['filled', 'cancelled', 'rejected'];

/**
 * Records commands on an order on behalf of the event that caused them: the command id is derived from
 * that event, the order and the step, so handling the same event again stores nothing twice (and one
 * event, a reconciliation pass say, can resolve many orders without their ids colliding), and the
 * correlation id of the chain is carried on.
 */
export class ExchangeOrderApplier {
  constructor(
    private readonly orders: OrderRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Brings our order in line with the exchange's view of it: accepted, its trades, its close. The
   * exchange is the truth: an order we recorded as rejected that the exchange shows is corrected first
   * (OrderStateCorrected), then brought up to date. `evidence` says where the exchange's view came from.
   */
  async apply(orderId: string, cause: StoredEvent, order: ExchangeOrder, evidence = 'order lookup'): Promise<OrderStatus> {
    await this.correctIfRejected(orderId, cause, order, evidence);
    for (const command of commandsForExchangeOrder(order, this.clock.now())) {
      const step = command.type === 'RecordFill' ? `fill:${command.data.tradeId}` : command.type;
      const stopped = await retryOnConflict(async () => {
        const { state } = await this.orders.load(orderId);
        if (state.status === 'new' || TERMINAL.includes(state.status)) return true;
        await this.record(orderId, cause, step, command);
        return false;
      });
      if (stopped) break;
    }
    return (await this.orders.load(orderId)).state.status;
  }

  /** Puts an order we recorded as rejected back to work when the exchange shows it exists. */
  async correctIfRejected(orderId: string, cause: StoredEvent, order: ExchangeOrder, evidence: string): Promise<boolean> {
    const { state } = await this.orders.load(orderId);
    if (state.status !== 'rejected') return false;
    await this.record(orderId, cause, 'correct', {
      type: 'CorrectOrderState',
      data: { exchangeOrderId: order.uuid, exchangeState: order.state, evidence, at: this.clock.now() },
    });
    return true;
  }

  async record(orderId: string, cause: StoredEvent, step: string, command: OrderCommand): Promise<void> {
    const context: CommandContext = {
      commandId: `${cause.eventId}:${orderId}:${step}`,
      correlationId: cause.metadata.correlationId ?? cause.eventId,
      causationId: cause.eventId,
    };
    await this.orders.handle(orderId, command, context);
  }
}
