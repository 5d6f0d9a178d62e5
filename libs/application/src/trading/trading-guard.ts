import type { Clock, OrderEvent, OrderStatus, PositionFillData, StrategyDefinition } from '@trader/domain';
import { Dec } from '@trader/domain';
import { CommandContext } from '../ports/aggregate-repository.port';
import { StoredEvent } from '../ports/event-envelope';
import { OrderRepository } from '../orders/order-repository';
import { retryOnConflict } from './conflict-retry';
import { RISK_ID, RiskRepository, SESSION_ID, SessionRepository } from './trading-repositories';

const CLOSED: readonly OrderStatus[] = ['filled', 'cancelled', 'rejected'];

type OrderFilledData = Extract<OrderEvent, { type: 'OrderFilled' }>['data'];

/**
 * Keeps the trading session and the risk policy in step with what happened, driven from the event
 * store: a closed order ends its session slot (so deferred config changes can apply) and its risk
 * slot (max open orders) and whatever its buy had not spent; a buy's trade counts as exposure at once;
 * every position change updates the exposure and the realised PnL the risk limits watch, and a closed
 * position is a trade for the protections to judge; a risk halt (daily loss, drawdown, kill switch)
 * halts the session; an order the exchange accepts while the kill switch is engaged is cancelled at
 * once; and a strategy defined or revised with a `protections` block configures them.
 */
export class TradingGuard {
  readonly name = 'trading-guard';
  readonly eventTypes = [
    'OrderAccepted',
    'OrderFilled',
    'OrderCancelled',
    'OrderRejected',
    'PositionOpened',
    'PositionIncreased',
    'PositionReduced',
    'PositionClosed',
    'RiskHaltTriggered',
    'StrategyDefined',
    'StrategyRevised',
  ] as const;

  constructor(
    private readonly orders: OrderRepository,
    private readonly session: SessionRepository,
    private readonly risk: RiskRepository,
    private readonly clock: Clock,
  ) {}

  async handle(event: StoredEvent): Promise<void> {
    const context: CommandContext = { correlationId: event.metadata.correlationId ?? event.eventId, causationId: event.eventId };
    const at = this.clock.now();
    switch (event.type) {
      case 'OrderAccepted': {
        const { orderId } = event.data as { orderId: string };
        if (!(await this.risk.load(RISK_ID)).state.killSwitchEngaged) return;
        const { state } = await this.orders.load(orderId);
        if (state.status !== 'accepted' && state.status !== 'partially_filled') return;
        await this.orders.handle(orderId, { type: 'RequestOrderCancel', data: { at } }, { ...context, commandId: `${event.eventId}:kill-switch-cancel` });
        return;
      }
      case 'OrderFilled':
      case 'OrderCancelled':
      case 'OrderRejected': {
        const { orderId } = event.data as { orderId: string };
        if (event.type === 'OrderFilled') await this.recordBuyFill(event, context, at);
        const { state } = await this.orders.load(orderId);
        if (!CLOSED.includes(state.status)) return;
        if ((await this.session.load(SESSION_ID)).state.ordersInFlight.includes(orderId)) {
          await retryOnConflict(() => this.session.handle(SESSION_ID, { type: 'EndOrder', data: { orderId, at } }, { ...context, commandId: `${event.eventId}:session` }));
        }
        if ((await this.risk.load(RISK_ID)).state.openOrders.includes(orderId)) {
          await retryOnConflict(() => this.risk.handle(RISK_ID, { type: 'RecordOrderClosed', data: { orderId, at } }, { ...context, commandId: `${event.eventId}:risk` }));
        }
        return;
      }
      case 'PositionOpened':
      case 'PositionIncreased':
      case 'PositionReduced':
      case 'PositionClosed': {
        const data = event.data as PositionFillData;
        await retryOnConflict(() =>
          this.risk.handle(RISK_ID, { type: 'RecordExposure', data: { market: data.market, costBasis: data.costBasis, tradeId: data.tradeId, at } }, {
            ...context,
            commandId: `${event.eventId}:exposure`,
          }),
        );
        // The risk policy watches realised PnL net of fees; a buy realises only its fee. It counts
        // against the day the fill happened (the position event's time is the fill's), which differs
        // from today when fills are caught up after a restart.
        // With its market, it also adds to the profit of the trade open there, which the protections judge.
        const realized = new Dec(data.fillRealizedPnl).minus(data.fee);
        if (!realized.isZero()) {
          await retryOnConflict(() =>
            this.risk.handle(RISK_ID, { type: 'RecordRealizedPnl', data: { amount: realized.toFixed(), filledAt: data.at, market: data.market, at } }, {
              ...context,
              commandId: `${event.eventId}:pnl`,
            }),
          );
        }
        if (event.type === 'PositionClosed') {
          await retryOnConflict(() =>
            this.risk.handle(RISK_ID, { type: 'RecordTradeClosed', data: { market: data.market, closedAt: data.at, at } }, {
              ...context,
              commandId: `${event.eventId}:trade-closed`,
            }),
          );
        }
        return;
      }
      case 'RiskHaltTriggered': {
        const { reasonCode } = event.data as { reasonCode: string };
        await retryOnConflict(() =>
          this.session.handle(SESSION_ID, { type: 'HaltTrading', data: { reason: reasonCode, at } }, { ...context, commandId: `${event.eventId}:halt` }),
        );
        return;
      }
      case 'StrategyDefined':
      case 'StrategyRevised': {
        const { protections } = (event.data as { definition: StrategyDefinition }).definition;
        if (protections === undefined) return;
        if (JSON.stringify((await this.risk.load(RISK_ID)).state.protections) === JSON.stringify(protections)) return;
        await retryOnConflict(() =>
          this.risk.handle(RISK_ID, { type: 'ConfigureProtections', data: { protections, at } }, { ...context, commandId: `${event.eventId}:protections` }),
        );
        return;
      }
      default:
        return;
    }
  }

  /**
   * A buy's trade moves its funds from the order's pending notional to the market's exposure at once:
   * the position reports the new cost basis only later, and the cap must count the trade meanwhile.
   */
  private async recordBuyFill(event: StoredEvent, context: CommandContext, at: number): Promise<void> {
    const fill = event.data as OrderFilledData;
    if (fill.side !== 'buy') return;
    await retryOnConflict(() =>
      this.risk.handle(
        RISK_ID,
        { type: 'RecordBuyFill', data: { orderId: fill.orderId, market: fill.market, tradeId: fill.tradeId, funds: fill.funds, at } },
        { ...context, commandId: `${event.eventId}:buy-fill` },
      ),
    );
  }
}
