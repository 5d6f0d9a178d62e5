import type { Clock, OrderCommand, OrderStatus } from '@trader/domain';
import { EventStore } from '../../ports/event-store.port';
import { OrderUpdate } from '../../ports/exchange-gateway.types';
import { retryOnConflict } from '../../trading/conflict-retry';
import { ORDER_AGGREGATE, OrderRepository } from '../order-repository';

export type OrderUpdateOutcome = 'recorded' | 'unchanged' | 'not-ours';

const TERMINAL: readonly OrderStatus[] = ['filled', 'cancelled', 'rejected'];

/**
 * Records what the exchange pushes about our orders (Upbit `myOrder`): a working order is accepted, a
 * `trade` is one fill (with the exact fee Upbit charged for it), `cancel` and `prevented` close it.
 * Updates are keyed on the order's uuid, state and trade uuid, and the decider ignores a trade id it has
 * counted, so the same update arriving twice (stream and lookup) is stored once. Orders without our
 * identifier were not placed by this system; reconciliation reports them.
 */
export class OrderUpdateRecorder {
  constructor(
    private readonly orders: OrderRepository,
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async record(update: OrderUpdate): Promise<OrderUpdateOutcome> {
    if (!update.identifier) return 'not-ours';
    const { state } = await this.orders.load(update.identifier);
    if (state.status === 'new') return 'not-ours';
    if (TERMINAL.includes(state.status)) return 'unchanged';

    const at = update.tradeTimestamp ?? update.timestamp;
    const commands: OrderCommand[] = [{ type: 'RecordOrderAccepted', data: { exchangeOrderId: update.uuid, at: update.orderTimestamp ?? at } }];
    if (update.state === 'trade') {
      if (!update.tradeUuid || !update.price || !update.volume) return 'unchanged';
      commands.push({
        type: 'RecordFill',
        data: {
          exchangeOrderId: update.uuid,
          tradeId: update.tradeUuid,
          price: update.price.toFixed(),
          volume: update.volume.toFixed(),
          fee: (update.tradeFee ?? update.paidFee)?.toFixed() ?? '0',
          at,
        },
      });
    }
    if (update.state === 'cancel' || update.state === 'prevented') {
      commands.push({ type: 'RecordOrderCancelled', data: { at: this.clock.now() } });
    }

    const correlationId = this.correlationOf(update.identifier);
    let recorded = false;
    const orderId = update.identifier;
    for (const command of commands) {
      const step = command.type === 'RecordFill' ? `fill:${command.data.tradeId}` : command.type;
      // The sagas write to the same stream (the cancellation saga records what its lookup found): when
      // one appends between our load and our append, the step is decided again on the fresh state
      // instead of the update being lost, which left a cancelled order pending_cancel.
      const saved = await retryOnConflict(async () => {
        const current = (await this.orders.load(orderId)).state;
        if (current.status === 'new' || TERMINAL.includes(current.status)) return undefined;
        return this.orders.handle(orderId, command, { commandId: `myorder:${update.uuid}:${step}`, correlationId });
      });
      if (!saved) break;
      recorded ||= saved.lastPosition > 0 && !saved.duplicate;
    }
    return recorded ? 'recorded' : 'unchanged';
  }

  /** Everything that happens to an order carries the correlation id its placement started with. */
  private correlationOf(orderId: string): string {
    for (const first of this.store.readStream(`${ORDER_AGGREGATE}-${orderId}`)) {
      return first.metadata.correlationId ?? first.eventId;
    }
    return `${ORDER_AGGREGATE}-${orderId}`;
  }
}
