import { Dec, type Clock, type OrderCommand, type OrderStatus, type PlacedOrder, type RecordFill } from '@trader/domain';
import { EventStore } from '../../ports/event-store.port';
import { ExchangeError } from '../../ports/exchange-gateway.errors';
import { ExchangeGateway } from '../../ports/exchange-gateway.port';
import { OrderUpdate } from '../../ports/exchange-gateway.types';
import { retryOnConflict } from '../../trading/conflict-retry';
import { ORDER_AGGREGATE, OrderRepository } from '../order-repository';
import { missingFills } from '../missing-fills';

/**
 * `unresolved`: the update showed trades we have not recorded and the order lookup that would fill
 * them in failed; nothing was recorded, so the order is not closed short of its fills. The caller
 * reconciles.
 */
export type OrderUpdateOutcome = 'recorded' | 'unchanged' | 'not-ours' | 'unresolved';

const TERMINAL: readonly OrderStatus[] = ['filled', 'cancelled', 'rejected'];
const CLOSING: readonly OrderUpdate['state'][] = ['done', 'cancel', 'prevented'];
/** Orders whose correlation id is kept: more than are ever in flight at once (oldest dropped first). */
const KEPT_CORRELATIONS = 256;

/**
 * Records what the exchange pushes about our orders (Upbit `myOrder`): a working order is accepted, a
 * `trade` is one fill (with the exact fee Upbit charged for it), `cancel` and `prevented` close it.
 * An update that closes an order carries its `executed_volume`: when that differs from the volume we
 * recorded, a trade update was missed (a dropped message, a reconnect), so the order is looked up and
 * its missing trades are recorded before it is closed.
 * Updates are keyed on the order's uuid, state and trade uuid, and the decider ignores a trade id it has
 * counted, so the same update arriving twice (stream and lookup) is stored once. Orders without our
 * identifier were not placed by this system; reconciliation reports them.
 */
export class OrderUpdateRecorder {
  /** An order's correlation id is its first event's, which never changes: kept for the orders updated lately, not read per update. */
  private readonly correlations = new Map<string, string>();

  constructor(
    private readonly orders: OrderRepository,
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly gateway: ExchangeGateway,
  ) {}

  async record(update: OrderUpdate): Promise<OrderUpdateOutcome> {
    if (!update.identifier) return 'not-ours';
    let { state } = await this.orders.load(update.identifier);
    if (state.status === 'new') return 'not-ours';
    if (state.status === 'rejected') {
      // We took the order for rejected, but the exchange reports it: the exchange is the truth.
      await this.orders.handle(
        update.identifier,
        { type: 'CorrectOrderState', data: { exchangeOrderId: update.uuid, exchangeState: update.state, evidence: 'private stream', at: this.clock.now() } },
        { commandId: `myorder:${update.identifier}:${update.uuid}:correct`, correlationId: this.correlationOf(update.identifier) },
      );
      ({ state } = await this.orders.load(update.identifier));
      if (state.status === 'new') return 'not-ours';
    }
    if (TERMINAL.includes(state.status)) return 'unchanged';

    const at = update.tradeTimestamp ?? update.timestamp;
    const commands: OrderCommand[] = [{ type: 'RecordOrderAccepted', data: { exchangeOrderId: update.uuid, at: update.orderTimestamp ?? at } }];
    if (update.state === 'trade') {
      if (!update.tradeUuid || !update.price || !update.volume) return 'unchanged';
      const fee = state.tradeIds.has(update.tradeUuid) ? new Dec(0) : ownFee(update, state);
      if (fee === undefined) {
        const fills = await this.lookUpMissingFills(update, state);
        if (fills === undefined) return 'unresolved';
        commands.push(...fills);
      } else {
        commands.push({
          type: 'RecordFill',
          data: { exchangeOrderId: update.uuid, tradeId: update.tradeUuid, price: update.price.toFixed(), volume: update.volume.toFixed(), fee: fee.toFixed(), at },
        });
      }
    }
    if (CLOSING.includes(update.state) && !state.executedVolume.eq(update.executedVolume.toFixed())) {
      const fills = await this.lookUpMissingFills(update, state);
      if (fills === undefined) return 'unresolved';
      commands.push(...fills);
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
        // Our identifier is part of the id: a simulator restarted from scratch can hand out a uuid again.
        return this.orders.handle(orderId, command, { commandId: `myorder:${orderId}:${update.uuid}:${step}`, correlationId });
      });
      if (!saved) break;
      recorded ||= saved.lastPosition > 0 && !saved.duplicate;
    }
    return recorded ? 'recorded' : 'unchanged';
  }

  /** The order's trades as Upbit's lookup reports them, less those already recorded; undefined if the lookup failed. */
  private async lookUpMissingFills(update: OrderUpdate, recorded: PlacedOrder): Promise<RecordFill[] | undefined> {
    try {
      return missingFills(await this.gateway.getOrder({ uuid: update.uuid }), recorded);
    } catch (error) {
      if (error instanceof ExchangeError) return undefined;
      throw error;
    }
  }

  /** Everything that happens to an order carries the correlation id its placement started with. */
  private correlationOf(orderId: string): string {
    const known = this.correlations.get(orderId);
    if (known !== undefined) return known;
    // One row: the stream's first event (the whole stream would be read otherwise, a decoded row per event).
    for (const first of this.store.readStream(`${ORDER_AGGREGATE}-${orderId}`, 1, 1)) {
      const correlationId = first.metadata.correlationId ?? first.eventId;
      // Kept only once the order has its first event: the fallback below would change when it comes.
      this.correlations.set(orderId, correlationId);
      if (this.correlations.size > KEPT_CORRELATIONS) this.correlations.delete(this.correlations.keys().next().value as string);
      return correlationId;
    }
    return `${ORDER_AGGREGATE}-${orderId}`;
  }
}

/**
 * The fee of one trade update. Upbit sends `trade_fee` with each trade; without it, the order's
 * cumulative `paid_fee` minus the fees we recorded is this trade's fee, but only when this trade is the
 * only one we have not recorded (the cumulative executed volume says so): otherwise it would also hold
 * the fees of trades we missed. Undefined when it cannot be told exactly; the order is then looked up.
 */
function ownFee(update: OrderUpdate, recorded: PlacedOrder): Dec | undefined {
  if (update.tradeFee) return new Dec(update.tradeFee.toFixed());
  if (!update.paidFee || !update.volume) return undefined;
  if (!recorded.executedVolume.plus(update.volume.toFixed()).eq(update.executedVolume.toFixed())) return undefined;
  const fee = new Dec(update.paidFee.toFixed()).minus(recorded.paidFee);
  return fee.isNegative() ? undefined : fee;
}
