import { MarketCode } from '../market/market-code';
import { InvalidDecimalError } from '../market/market.errors';
import { QUOTE_MARKET_RULES } from '../market/trading-rules';
import { Decider } from '../shared/decider';
import { Dec, decimalText, parseDecimal } from '../shared/decimal';
import { OrderDenied } from '../shared/order-denied.event';
import { growsExposure, parseOrderIntent } from '../shared/order-intent';
import { CheckOrder, RiskCommand } from './risk.commands';
import { IllegalRiskTransitionError } from './risk.errors';
import { RiskEvent, RiskHaltTriggered } from './risk.events';
import { RiskLimits, validateRiskLimits } from './risk-limits';

export interface RiskState {
  readonly limits: RiskLimits | null;
  /** Approved orders not yet closed. */
  readonly openOrders: readonly string[];
  /** Times of the approvals inside the order-rate window. */
  readonly recentApprovals: readonly number[];
  readonly exposure: Readonly<Record<string, Dec>>;
  readonly day: string | null;
  readonly dailyRealizedPnl: Dec;
  readonly equityPeak: Dec | null;
  readonly lastEquity: Dec | null;
  readonly haltReason: RiskHaltTriggered['data']['reasonCode'] | null;
  readonly killSwitchEngaged: boolean;
}

/** The trading day of a time: the UTC date, which is Upbit's day (09:00 KST to 09:00 KST). */
export function tradingDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

function amount(what: string, text: string): Dec {
  const value = parseDecimal(text);
  if (!value) throw new InvalidDecimalError(what, text);
  return value;
}

function checkOrder(command: CheckOrder, state: RiskState): RiskEvent[] {
  const { orderId, at } = command.data;
  const intent = parseOrderIntent(command.data.intent);
  if (intent === 'cancel') throw new IllegalRiskTransitionError(command.type, 'cancels are not risk-checked');
  if (state.openOrders.includes(orderId)) throw new IllegalRiskTransitionError(command.type, `order ${orderId} is already approved`);
  const market = MarketCode.parse(command.data.market);
  const notional = amount('Notional', command.data.notional);
  const deny = (reasonCode: string, detail: string): OrderDenied[] => [
    { type: 'OrderDenied', data: { orderId, intent, deniedBy: 'risk', reasonCode, detail, at } },
  ];
  const { limits } = state;
  if (!limits) return deny('risk_limits_not_configured', 'no risk limits have been configured');
  if (state.killSwitchEngaged) return deny('kill_switch_engaged', 'the kill switch is engaged');
  if (market.quote !== limits.quoteCurrency) {
    return deny('quote_currency_not_covered', `limits are set in ${limits.quoteCurrency}, not ${market.quote}`);
  }
  const grows = growsExposure(intent);
  if (grows && state.haltReason) return deny('trading_halted', `halted: ${state.haltReason}`);
  const minimum = QUOTE_MARKET_RULES[market.quote].minOrderTotal;
  if (notional.lt(minimum)) return deny('below_min_order_total', `${decimalText(notional)} is below Upbit's minimum of ${minimum}`);
  if (grows) {
    if (notional.gt(limits.maxNotionalPerOrder)) {
      return deny('max_notional_per_order', `${decimalText(notional)} exceeds ${limits.maxNotionalPerOrder}`);
    }
    const after = (state.exposure[market.value] ?? new Dec(0)).plus(notional);
    if (after.gt(limits.maxPositionPerMarket)) {
      return deny('max_position_per_market', `${market.value} would hold ${decimalText(after)}, above ${limits.maxPositionPerMarket}`);
    }
    if (state.openOrders.length >= limits.maxOpenOrders) {
      return deny('max_open_orders', `${state.openOrders.length} orders are open (limit ${limits.maxOpenOrders})`);
    }
  }
  const inWindow = state.recentApprovals.filter((t) => t > at - limits.orderRate.perMs).length;
  if (inWindow >= limits.orderRate.maxOrders) {
    return deny('order_rate_exceeded', `${inWindow} orders in the last ${limits.orderRate.perMs} ms`);
  }
  return [{ type: 'OrderApproved', data: { orderId, market: market.value, intent, notional: decimalText(notional), at } }];
}

function decide(command: RiskCommand, state: RiskState): RiskEvent[] {
  const { at } = command.data;
  switch (command.type) {
    case 'ConfigureRiskLimits':
      return [{ type: 'RiskLimitsConfigured', data: { limits: validateRiskLimits(command.data.limits), at } }];
    case 'CheckOrder':
      return checkOrder(command, state);
    case 'RecordOrderClosed':
      if (!state.openOrders.includes(command.data.orderId)) {
        throw new IllegalRiskTransitionError(command.type, `order ${command.data.orderId} is not open`);
      }
      return [{ type: 'RiskOrderClosed', data: { orderId: command.data.orderId, at } }];
    case 'RecordExposure': {
      const market = MarketCode.parse(command.data.market).value;
      return [{ type: 'ExposureRecorded', data: { market, costBasis: decimalText(amount('Cost basis', command.data.costBasis)), at } }];
    }
    case 'RecordRealizedPnl': {
      const pnl = amount('Realised PnL', command.data.amount);
      const day = tradingDay(at);
      const daily = (state.day === day ? state.dailyRealizedPnl : new Dec(0)).plus(pnl);
      const events: RiskEvent[] = [
        { type: 'RealizedPnlRecorded', data: { day, amount: decimalText(pnl), dailyRealizedPnl: decimalText(daily), at } },
      ];
      const limit = state.limits?.maxDailyLoss;
      if (limit && daily.lte(new Dec(limit).neg()) && !state.haltReason) {
        events.push(
          { type: 'DailyLossLimitBreached', data: { day, dailyRealizedPnl: decimalText(daily), limit, at } },
          { type: 'RiskHaltTriggered', data: { reasonCode: 'max_daily_loss', at } },
        );
      }
      return events;
    }
    case 'RecordEquity': {
      const equity = amount('Equity', command.data.equity);
      const peak = state.equityPeak && state.equityPeak.gt(equity) ? state.equityPeak : equity;
      const drawdown = peak.gt(0) ? peak.minus(equity).div(peak).mul(100) : new Dec(0);
      const drawdownPercent = decimalText(drawdown.toDecimalPlaces(6, Dec.ROUND_DOWN));
      const events: RiskEvent[] = [
        { type: 'EquityRecorded', data: { equity: decimalText(equity), peak: decimalText(peak), drawdownPercent, at } },
      ];
      const limit = state.limits?.maxDrawdownPercent;
      if (limit && drawdown.gte(limit) && !state.haltReason) {
        events.push(
          { type: 'DrawdownLimitBreached', data: { drawdownPercent, limit, at } },
          { type: 'RiskHaltTriggered', data: { reasonCode: 'max_drawdown', at } },
        );
      }
      return events;
    }
    case 'ClearRiskHalt':
      if (!state.haltReason) throw new IllegalRiskTransitionError(command.type, 'trading is not halted');
      if (state.killSwitchEngaged) throw new IllegalRiskTransitionError(command.type, 'release the kill switch first');
      return [{ type: 'RiskHaltCleared', data: { at } }];
    case 'EngageKillSwitch': {
      if (state.killSwitchEngaged) throw new IllegalRiskTransitionError(command.type, 'the kill switch is already engaged');
      const engaged: RiskEvent = { type: 'KillSwitchEngaged', data: { reason: command.data.reason, openOrderIds: [...state.openOrders], at } };
      return state.haltReason ? [engaged] : [engaged, { type: 'RiskHaltTriggered', data: { reasonCode: 'kill_switch', at } }];
    }
    case 'ReleaseKillSwitch':
      if (!state.killSwitchEngaged) throw new IllegalRiskTransitionError(command.type, 'the kill switch is not engaged');
      return [{ type: 'KillSwitchReleased', data: { at } }];
  }
}

function evolve(state: RiskState, event: RiskEvent): RiskState {
  switch (event.type) {
    case 'RiskLimitsConfigured':
      return { ...state, limits: event.data.limits };
    case 'OrderApproved': {
      const window = state.limits?.orderRate.perMs ?? 0;
      const recentApprovals = [...state.recentApprovals.filter((t) => t > event.data.at - window), event.data.at];
      return { ...state, openOrders: [...state.openOrders, event.data.orderId], recentApprovals };
    }
    case 'OrderDenied':
    case 'DailyLossLimitBreached':
    case 'DrawdownLimitBreached':
      return state;
    case 'RiskOrderClosed':
      return { ...state, openOrders: state.openOrders.filter((id) => id !== event.data.orderId) };
    case 'ExposureRecorded':
      return { ...state, exposure: { ...state.exposure, [event.data.market]: new Dec(event.data.costBasis) } };
    case 'RealizedPnlRecorded':
      return { ...state, day: event.data.day, dailyRealizedPnl: new Dec(event.data.dailyRealizedPnl) };
    case 'EquityRecorded':
      return { ...state, equityPeak: new Dec(event.data.peak), lastEquity: new Dec(event.data.equity) };
    case 'RiskHaltTriggered':
      return { ...state, haltReason: event.data.reasonCode };
    case 'RiskHaltCleared':
      // Clearing a drawdown halt accepts the loss: the peak restarts from the last equity seen.
      return { ...state, haltReason: null, equityPeak: state.lastEquity };
    case 'KillSwitchEngaged':
      return { ...state, killSwitchEngaged: true };
    case 'KillSwitchReleased':
      return { ...state, killSwitchEngaged: false };
  }
}

export const riskPolicyDecider: Decider<RiskCommand, RiskEvent, RiskState> = {
  decide,
  evolve,
  initialState: () => ({
    limits: null,
    openOrders: [],
    recentApprovals: [],
    exposure: {},
    day: null,
    dailyRealizedPnl: new Dec(0),
    equityPeak: null,
    lastEquity: null,
    haltReason: null,
    killSwitchEngaged: false,
  }),
};
