import { MarketCode } from '../market/market-code';
import { InvalidDecimalError } from '../market/market.errors';
import { QUOTE_MARKET_RULES } from '../market/trading-rules';
import { Decider } from '../shared/decider';
import { Dec, decimalText, parseDecimal } from '../shared/decimal';
import { OrderDenied } from '../shared/order-denied.event';
import { growsExposure, parseOrderIntent } from '../shared/order-intent';
import { CheckOrder, ConfigureProtections, RecordRealizedPnl, RecordTradeClosed, RiskCommand } from './risk.commands';
import { IllegalRiskTransitionError } from './risk.errors';
import { EntriesUnlocked, RiskEvent } from './risk.events';
import { validateRiskLimits } from './risk-limits';
import { ClosedTrade, EntryLock, lockOn, locksAfterTrade, sameLock } from './protection-rules';
import { Protections, longestLookback, protectionReasonCode, validateProtections } from './protections';
import { RiskState, marketExposure } from './risk.state';

/** A late fill older than this many days counts from zero: its day is long over and can halt nothing. */
const EARLIER_DAYS_KEPT = 7;

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
  // A lock stops new trades only: adds of an open position, exits and cancels go on.
  const lock = intent === 'entry' ? lockOn(state.locks, market.value) : null;
  if (lock) return deny(protectionReasonCode(lock.protection), `${lock.reason}; entries locked until ${new Date(lock.until).toISOString()}`);
  const minimum = QUOTE_MARKET_RULES[market.quote].minOrderTotal;
  if (notional.lt(minimum)) return deny('below_min_order_total', `${decimalText(notional)} is below Upbit's minimum of ${minimum}`);
  if (grows) {
    if (notional.gt(limits.maxNotionalPerOrder)) {
      return deny('max_notional_per_order', `${decimalText(notional)} exceeds ${limits.maxNotionalPerOrder}`);
    }
    const after = marketExposure(state, market.value).plus(notional);
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
  const { exitReason } = command.data;
  const reason = intent === 'exit' && exitReason !== undefined ? { exitReason } : {};
  return [{ type: 'OrderApproved', data: { orderId, market: market.value, intent, notional: decimalText(notional), ...reason, at } }];
}

const unlockOf = (lock: EntryLock, at: number): EntriesUnlocked => ({
  type: 'EntriesUnlocked',
  data: { scope: lock.scope, ...(lock.market === undefined ? {} : { market: lock.market }), protection: lock.protection, until: lock.until, at },
});

const PROTECTION_KEYS: Record<EntryLock['protection'], keyof Protections> = {
  cooldown: 'cooldown',
  stoploss_guard: 'stoplossGuard',
  max_drawdown: 'maxDrawdown',
  low_profit_markets: 'lowProfitMarkets',
};

/** New protections apply to trades from now on; the locks of a protection switched off end at once. */
function configureProtections(command: ConfigureProtections, state: RiskState): RiskEvent[] {
  const { at } = command.data;
  const protections = validateProtections(command.data.protections);
  const released = state.locks.filter((lock) => protections[PROTECTION_KEYS[lock.protection]] === undefined).map((lock) => unlockOf(lock, at));
  return [{ type: 'ProtectionsConfigured', data: { protections, at } }, ...released];
}

/**
 * The trade on a market closed: what it made (the buys' cost and the fills' realised PnL, fees
 * included, gathered while it was open) and why it was exited, then the locks the protections call
 * for. A lock already over (a close caught up late) or no longer than one in force is not repeated.
 */
function recordTradeClosed(command: RecordTradeClosed, state: RiskState): RiskEvent[] {
  const { closedAt, at } = command.data;
  const market = MarketCode.parse(command.data.market).value;
  const open = state.openTrades[market];
  const profit = new Dec(open?.profit ?? '0');
  const cost = new Dec(open?.cost ?? '0');
  const trade: ClosedTrade = {
    market,
    profit: decimalText(profit),
    profitPercent: cost.gt(0) ? decimalText(profit.div(cost).mul(100).toDecimalPlaces(6, Dec.ROUND_DOWN)) : null,
    exitReason: state.exitReasons[market] ?? null,
    closedAt,
  };
  const locks = locksAfterTrade(state.protections, state.closedTrades, trade).filter(
    (lock) => lock.until > at && !state.locks.some((held) => sameLock(held, lock) && held.until >= lock.until),
  );
  return [{ type: 'TradeClosedRecorded', data: { ...trade, at } }, ...locks.map((lock): RiskEvent => ({ type: 'EntriesLocked', data: { ...lock, at } }))];
}

/**
 * A fill's PnL counts against the trading day it happened on, not the day it is recorded: a fill caught
 * up after a restart belongs to the day it traded. Only a loss of the current day halts trading; a day
 * already over when its late fill arrives is recorded, but its limit can no longer protect anything.
 */
function recordRealizedPnl(command: RecordRealizedPnl, state: RiskState): RiskEvent[] {
  const { filledAt, at } = command.data;
  const pnl = amount('Realised PnL', command.data.amount);
  const market = command.data.market === undefined ? {} : { market: MarketCode.parse(command.data.market).value };
  const day = tradingDay(filledAt);
  const before = day === state.day ? state.dailyRealizedPnl : state.day !== null && day < state.day ? (state.earlierDays[day] ?? new Dec(0)) : new Dec(0);
  const daily = before.plus(pnl);
  const events: RiskEvent[] = [
    { type: 'RealizedPnlRecorded', data: { day, amount: decimalText(pnl), dailyRealizedPnl: decimalText(daily), filledAt, ...market, at } },
  ];
  const limit = state.limits?.maxDailyLoss;
  if (limit && day >= tradingDay(at) && daily.lte(new Dec(limit).neg()) && !state.haltReason) {
    events.push(
      { type: 'DailyLossLimitBreached', data: { day, dailyRealizedPnl: decimalText(daily), limit, at } },
      { type: 'RiskHaltTriggered', data: { reasonCode: 'max_daily_loss', at } },
    );
  }
  return events;
}

/**
 * Every command tells the time: locks whose `until` has come are ended first (so an entry checked
 * exactly at `until` is allowed), and the command is decided on what is left.
 */
function decide(command: RiskCommand, state: RiskState): RiskEvent[] {
  const expired = state.locks.filter((lock) => lock.until <= command.data.at).map((lock) => unlockOf(lock, command.data.at));
  return [...expired, ...decideNow(command, expired.reduce(evolve, state))];
}

function decideNow(command: RiskCommand, state: RiskState): RiskEvent[] {
  const { at } = command.data;
  switch (command.type) {
    case 'ConfigureProtections':
      return configureProtections(command, state);
    case 'RecordTradeClosed':
      return recordTradeClosed(command, state);
    case 'ConfigureRiskLimits':
      return [{ type: 'RiskLimitsConfigured', data: { limits: validateRiskLimits(command.data.limits), source: command.data.source ?? 'configuration', at } }];
    case 'CheckOrder':
      return checkOrder(command, state);
    case 'RecordOrderClosed':
      if (!state.openOrders.includes(command.data.orderId)) {
        throw new IllegalRiskTransitionError(command.type, `order ${command.data.orderId} is not open`);
      }
      return [{ type: 'RiskOrderClosed', data: { orderId: command.data.orderId, at } }];
    case 'RecordBuyFill': {
      const { orderId, tradeId } = command.data;
      const market = MarketCode.parse(command.data.market).value;
      const funds = amount('Fill funds', command.data.funds);
      if (funds.isNegative()) throw new InvalidDecimalError('Fill funds', command.data.funds);
      if (state.unpositionedBuys[market]?.[tradeId]) return [];
      return [{ type: 'BuyFillRecorded', data: { orderId, market, tradeId, funds: decimalText(funds), at } }];
    }
    case 'RecordExposure': {
      const market = MarketCode.parse(command.data.market).value;
      const costBasis = decimalText(amount('Cost basis', command.data.costBasis));
      const { tradeId } = command.data;
      return [{ type: 'ExposureRecorded', data: { market, costBasis, ...(tradeId === undefined ? {} : { tradeId }), at } }];
    }
    case 'RecordRealizedPnl':
      return recordRealizedPnl(command, state);
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
    case 'RiskLimitsConfigured': {
      const fromConfiguration = (event.data.source ?? 'configuration') === 'configuration';
      return { ...state, limits: event.data.limits, configuredLimits: fromConfiguration ? event.data.limits : state.configuredLimits };
    }
    case 'OrderApproved': {
      const window = state.limits?.orderRate.perMs ?? 0;
      const recentApprovals = [...state.recentApprovals.filter((t) => t > event.data.at - window), event.data.at];
      const { orderId, market, intent, notional } = event.data;
      const pendingBuys = growsExposure(intent) ? { ...state.pendingBuys, [orderId]: { market, remaining: new Dec(notional) } } : state.pendingBuys;
      const approvedState = { ...state, openOrders: [...state.openOrders, orderId], recentApprovals, pendingBuys };
      if (intent !== 'exit') return approvedState;
      const { [market]: _previous, ...exitReasons } = state.exitReasons;
      const { exitReason } = event.data;
      return { ...approvedState, exitReasons: exitReason === undefined ? exitReasons : { ...exitReasons, [market]: exitReason } };
    }
    case 'OrderDenied':
    case 'DailyLossLimitBreached':
    case 'DrawdownLimitBreached':
      return state;
    case 'RiskOrderClosed': {
      const { [event.data.orderId]: _released, ...pendingBuys } = state.pendingBuys;
      return { ...state, openOrders: state.openOrders.filter((id) => id !== event.data.orderId), pendingBuys };
    }
    case 'BuyFillRecorded': {
      const { orderId, market, tradeId, funds } = event.data;
      const order = state.pendingBuys[orderId];
      // A fill can spend less than its share of the notional (a better price) but the rest stays pending until the order closes.
      const pendingBuys = order ? { ...state.pendingBuys, [orderId]: { ...order, remaining: Dec.max(order.remaining.minus(funds), 0) } } : state.pendingBuys;
      const unpositionedBuys = { ...state.unpositionedBuys, [market]: { ...state.unpositionedBuys[market], [tradeId]: new Dec(funds) } };
      const trade = state.openTrades[market] ?? { cost: '0', profit: '0' };
      const openTrades = { ...state.openTrades, [market]: { ...trade, cost: decimalText(new Dec(trade.cost).plus(funds)) } };
      return { ...state, pendingBuys, unpositionedBuys, openTrades };
    }
    case 'ExposureRecorded': {
      const { market, costBasis, tradeId } = event.data;
      const exposure = { ...state.exposure, [market]: new Dec(costBasis) };
      if (tradeId === undefined || !state.unpositionedBuys[market]?.[tradeId]) return { ...state, exposure };
      const { [tradeId]: _positioned, ...rest } = state.unpositionedBuys[market];
      return { ...state, exposure, unpositionedBuys: { ...state.unpositionedBuys, [market]: rest } };
    }
    case 'RealizedPnlRecorded': {
      const next = withRealizedPnl(state, event.data.day, new Dec(event.data.dailyRealizedPnl));
      const { market } = event.data;
      if (market === undefined) return next;
      const trade = state.openTrades[market] ?? { cost: '0', profit: '0' };
      return { ...next, openTrades: { ...state.openTrades, [market]: { ...trade, profit: decimalText(new Dec(trade.profit).plus(event.data.amount)) } } };
    }
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
    case 'ProtectionsConfigured':
      return { ...state, protections: event.data.protections };
    case 'TradeClosedRecorded': {
      const { at: _at, ...trade } = event.data;
      const { [trade.market]: _closed, ...openTrades } = state.openTrades;
      const { [trade.market]: _reason, ...exitReasons } = state.exitReasons;
      const kept = trade.closedAt - longestLookback(state.protections);
      const closedTrades = [...state.closedTrades, trade].filter((other) => other.closedAt > kept);
      return { ...state, openTrades, exitReasons, closedTrades };
    }
    case 'EntriesLocked': {
      const { at: _at, ...lock } = event.data;
      return { ...state, locks: [...state.locks.filter((held) => !sameLock(held, lock)), lock] };
    }
    case 'EntriesUnlocked':
      return { ...state, locks: state.locks.filter((held) => !sameLock(held, event.data)) };
  }
}

function withRealizedPnl(state: RiskState, day: string, total: Dec): RiskState {
  // The same day again (most fills): the earlier days stay as they are, already trimmed.
  if (day === state.day) return { ...state, dailyRealizedPnl: total };
  if (state.day === null || day >= state.day) {
    const earlier = state.day !== null && day > state.day ? { ...state.earlierDays, [state.day]: state.dailyRealizedPnl } : state.earlierDays;
    return { ...state, day, dailyRealizedPnl: total, earlierDays: latestDays(earlier) };
  }
  return { ...state, earlierDays: latestDays({ ...state.earlierDays, [day]: total }) };
}

/** ISO dates sort as text. */
function latestDays(days: Readonly<Record<string, Dec>>): Record<string, Dec> {
  return Object.fromEntries(Object.entries(days).sort(([a], [b]) => (a < b ? -1 : 1)).slice(-EARLIER_DAYS_KEPT));
}

export const riskPolicyDecider: Decider<RiskCommand, RiskEvent, RiskState> = {
  decide,
  evolve,
  initialState: () => ({
    limits: null,
    configuredLimits: null,
    openOrders: [],
    recentApprovals: [],
    exposure: {},
    pendingBuys: {},
    unpositionedBuys: {},
    day: null,
    dailyRealizedPnl: new Dec(0),
    earlierDays: {},
    equityPeak: null,
    lastEquity: null,
    haltReason: null,
    killSwitchEngaged: false,
    protections: {},
    openTrades: {},
    exitReasons: {},
    closedTrades: [],
    locks: [],
  }),
};
