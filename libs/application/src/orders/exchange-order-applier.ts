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
    // One step at a time, each decided on the order's current state: the private stream may record a
    // trade (with its exact fee) between two steps, and what is left to record changes with it.
    for (;;) {
      const status = await retryOnConflict(async () => {
        const { state, version } = await this.orders.load(orderId);
        if (state.status === 'new' || TERMINAL.includes(state.status)) return state.status;
        const [next] = commandsForExchangeOrder(order, state, this.clock.now());
        if (!next) return state.status;
        const step = next.type === 'RecordFill' ? `fill:${next.data.tradeId}` : next.type;
        await this.record(orderId, cause, step, next);
        // A step that stored nothing (already recorded under its id) would come back forever.
        return (await this.orders.load(orderId)).version === version ? state.status : null;
      });
      if (status !== null) return status;
    }
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
