import { DeciderSpecification } from '../shared/testing/decider-specification';
import { RiskCommand } from './risk.commands';
import { RiskEvent } from './risk.events';
import { RiskLimits } from './risk-limits';
import { riskPolicyDecider } from './risk-policy.decider';
import { InvalidProtectionsError, Protections } from './protections';

const given = DeciderSpecification.for(riskPolicyDecider);
const T = Date.UTC(2026, 10, 23, 3);
const MIN = 60_000;

const limits: RiskLimits = {
  quoteCurrency: 'KRW',
  maxNotionalPerOrder: '1000000',
  maxPositionPerMarket: '5000000',
  maxOpenOrders: 10,
  orderRate: { maxOrders: 100, perMs: 1000 },
  maxDailyLoss: '100000000',
  maxDrawdownPercent: '50',
};
const configured: RiskEvent = { type: 'RiskLimitsConfigured', data: { limits, at: 0 } };
const protect = (protections: Protections): RiskEvent => ({ type: 'ProtectionsConfigured', data: { protections, at: 0 } });

const check = (orderId: string, intent: string, at: number, market = 'KRW-BTC', exitReason?: string): RiskCommand => ({
  type: 'CheckOrder',
  data: { orderId, market, intent, notional: '100000', ...(exitReason ? { exitReason } : {}), at },
});
const approved = (orderId: string, intent: 'entry' | 'add' | 'exit', at: number, market = 'KRW-BTC', exitReason?: string): RiskEvent => ({
  type: 'OrderApproved',
  data: { orderId, market, intent, notional: '100000', ...(exitReason ? { exitReason } : {}), at },
});
const denied = (orderId: string, reasonCode: string, detail: string, at: number): RiskEvent => ({
  type: 'OrderDenied',
  data: { orderId, intent: 'entry', deniedBy: 'risk', reasonCode, detail, at },
});

/** What the trading guard records while a trade is open: its buy, its fills' PnL, and the exit approved with its reason. */
function openTrade(market: string, cost: string, profit: string, exitReason: string | null, at: number): RiskEvent[] {
  return [
    { type: 'BuyFillRecorded', data: { orderId: `b-${market}-${at}`, market, tradeId: `t-${market}-${at}`, funds: cost, at } },
    { type: 'RealizedPnlRecorded', data: { day: '2026-11-23', amount: profit, dailyRealizedPnl: profit, filledAt: at, market, at } },
    approved(`x-${market}-${at}`, 'exit', at, market, exitReason ?? undefined),
  ];
}
const closeTrade = (market: string, at: number): RiskCommand => ({ type: 'RecordTradeClosed', data: { market, closedAt: at, at } });
const closed = (market: string, profit: string, profitPercent: string | null, exitReason: string | null, at: number): RiskEvent => ({
  type: 'TradeClosedRecorded',
  data: { market, profit, profitPercent, exitReason, closedAt: at, at },
});
const locked = (protection: string, until: number, reason: string, at: number, market?: string): RiskEvent => ({
  type: 'EntriesLocked',
  data: { scope: market ? 'market' : 'global', ...(market ? { market } : {}), protection, reason, until, at },
} as RiskEvent);
const unlocked = (protection: string, until: number, at: number, market?: string): RiskEvent => ({
  type: 'EntriesUnlocked',
  data: { scope: market ? 'market' : 'global', ...(market ? { market } : {}), protection, until, at },
} as RiskEvent);
const iso = (at: number): string => new Date(at).toISOString();

describe('RiskPolicy protections', () => {
  describe('closing a trade', () => {
    it('records its net profit, its percent of the buys, and the reason of the exit that closed it', () => {
      given([configured, ...openTrade('KRW-BTC', '1000000', '-30000', 'trailing_stop', T)]).when(closeTrade('KRW-BTC', T)).then([
        closed('KRW-BTC', '-30000', '-3', 'trailing_stop', T),
      ]);
    });

    it('has no percent when its buys are unknown, and no reason for an exit without one', () => {
      given([configured, approved('x1', 'exit', T)]).when(closeTrade('KRW-BTC', T)).then([closed('KRW-BTC', '0', null, null, T)]);
    });

    it('starts the next trade on the market from nothing', () => {
      const history = [configured, ...openTrade('KRW-BTC', '1000000', '-30000', 'stop_loss', T), closed('KRW-BTC', '-30000', '-3', 'stop_loss', T)];
      given([...history, ...openTrade('KRW-BTC', '200000', '4000', null, T + MIN)]).when(closeTrade('KRW-BTC', T + MIN)).then([
        closed('KRW-BTC', '4000', '2', null, T + MIN),
      ]);
    });
  });

  describe('cooldown', () => {
    const cooldown = protect({ cooldown: { periodMs: 5 * MIN } });
    const reason = 'a trade on KRW-BTC closed; cooldown of 300000 ms';
    const lock = locked('cooldown', T + 5 * MIN, reason, T, 'KRW-BTC');
    const history = [configured, cooldown, ...openTrade('KRW-BTC', '1000000', '10000', 'take_profit', T), closed('KRW-BTC', '10000', '1', 'take_profit', T), lock];

    it('locks the market for the period after an exit there, whatever the profit', () => {
      given([configured, cooldown, ...openTrade('KRW-BTC', '1000000', '10000', 'take_profit', T)]).when(closeTrade('KRW-BTC', T)).then([
        closed('KRW-BTC', '10000', '1', 'take_profit', T),
        lock,
      ]);
    });

    it('denies an entry on that market until the period is over, and only there', () => {
      given(history).when(check('e1', 'entry', T + 5 * MIN - 1)).then([
        denied('e1', 'protection_cooldown', `${reason}; entries locked until ${iso(T + 5 * MIN)}`, T + 5 * MIN - 1),
      ]);
      given(history).when(check('e1', 'entry', T + MIN, 'KRW-ETH')).then([approved('e1', 'entry', T + MIN, 'KRW-ETH')]);
    });

    it('never blocks an add or an exit on the locked market', () => {
      given(history).when(check('a1', 'add', T + MIN)).then([approved('a1', 'add', T + MIN)]);
      given(history).when(check('x1', 'exit', T + MIN, 'KRW-BTC', 'stop_loss')).then([approved('x1', 'exit', T + MIN, 'KRW-BTC', 'stop_loss')]);
    });

    it('allows the entry exactly when the lock ends, recording the unlock first', () => {
      given(history).when(check('e1', 'entry', T + 5 * MIN)).then([unlocked('cooldown', T + 5 * MIN, T + 5 * MIN, 'KRW-BTC'), approved('e1', 'entry', T + 5 * MIN)]);
    });

    it('ends an expired lock on any command that brings the time past it', () => {
      given(history).when({ type: 'RecordExposure', data: { market: 'KRW-ETH', costBasis: '0', at: T + 6 * MIN } }).then([
        unlocked('cooldown', T + 5 * MIN, T + 6 * MIN, 'KRW-BTC'),
        { type: 'ExposureRecorded', data: { market: 'KRW-ETH', costBasis: '0', at: T + 6 * MIN } },
      ]);
    });

    it('does not lock for a close caught up after its cooldown was already over', () => {
      given([configured, cooldown, ...openTrade('KRW-BTC', '1000000', '10000', null, T)])
        .when({ type: 'RecordTradeClosed', data: { market: 'KRW-BTC', closedAt: T, at: T + 5 * MIN } })
        .then([{ type: 'TradeClosedRecorded', data: { market: 'KRW-BTC', profit: '10000', profitPercent: '1', exitReason: null, closedAt: T, at: T + 5 * MIN } }]);
    });
  });

  describe('stop-loss guard', () => {
    const perMarket = protect({ stoplossGuard: { tradeLimit: 2, lookbackMs: 60 * MIN, lockMs: 30 * MIN, scope: 'market' } });
    const global = protect({ stoplossGuard: { tradeLimit: 2, lookbackMs: 60 * MIN, lockMs: 30 * MIN, scope: 'global' } });
    const first = closed('KRW-BTC', '-20000', '-2', 'stop_loss', T);
    const later = T + 30 * MIN;

    it('locks the market at the Nth stop-out within the window (trailing stop and crash exit count too)', () => {
      for (const reason of ['stop_loss', 'trailing_stop', 'crash_exit']) {
        given([configured, perMarket, first, ...openTrade('KRW-BTC', '1000000', '-10000', reason, later)]).when(closeTrade('KRW-BTC', later)).then([
          closed('KRW-BTC', '-10000', '-1', reason, later),
          locked('stoploss_guard', later + 30 * MIN, '2 stop-outs on KRW-BTC within 3600000 ms (limit 2)', later, 'KRW-BTC'),
        ]);
      }
    });

    it('does not count other exits, other markets (per market), or a stop-out exactly one window earlier', () => {
      given([configured, perMarket, first, ...openTrade('KRW-BTC', '1000000', '-10000', 'take_profit', later)]).when(closeTrade('KRW-BTC', later)).then([
        closed('KRW-BTC', '-10000', '-1', 'take_profit', later),
      ]);
      given([configured, perMarket, first, ...openTrade('KRW-ETH', '1000000', '-10000', 'stop_loss', later)]).when(closeTrade('KRW-ETH', later)).then([
        closed('KRW-ETH', '-10000', '-1', 'stop_loss', later),
      ]);
      const edge = T + 60 * MIN;
      given([configured, perMarket, first, ...openTrade('KRW-BTC', '1000000', '-10000', 'stop_loss', edge)]).when(closeTrade('KRW-BTC', edge)).then([
        closed('KRW-BTC', '-10000', '-1', 'stop_loss', edge),
      ]);
      given([configured, perMarket, first, ...openTrade('KRW-BTC', '1000000', '-10000', 'stop_loss', edge - 1)]).when(closeTrade('KRW-BTC', edge - 1)).then([
        closed('KRW-BTC', '-10000', '-1', 'stop_loss', edge - 1),
        locked('stoploss_guard', edge - 1 + 30 * MIN, '2 stop-outs on KRW-BTC within 3600000 ms (limit 2)', edge - 1, 'KRW-BTC'),
      ]);
    });

    it('globally, counts stop-outs of every market and locks every market', () => {
      const lock = locked('stoploss_guard', later + 30 * MIN, '2 stop-outs on all markets within 3600000 ms (limit 2)', later);
      given([configured, global, first, ...openTrade('KRW-ETH', '1000000', '-10000', 'crash_exit', later)]).when(closeTrade('KRW-ETH', later)).then([
        closed('KRW-ETH', '-10000', '-1', 'crash_exit', later),
        lock,
      ]);
      const history = [configured, global, first, closed('KRW-ETH', '-10000', '-1', 'crash_exit', later), lock];
      given(history).when(check('e1', 'entry', later + MIN, 'KRW-XRP')).then([
        denied('e1', 'protection_stoploss_guard', `2 stop-outs on all markets within 3600000 ms (limit 2); entries locked until ${iso(later + 30 * MIN)}`, later + MIN),
      ]);
      given(history).when(check('x1', 'exit', later + MIN, 'KRW-XRP')).then([approved('x1', 'exit', later + MIN, 'KRW-XRP')]);
    });
  });

  describe('max drawdown', () => {
    const drawdown = protect({ maxDrawdown: { maxDrawdownPercent: '10', tradeLimit: 2, lookbackMs: 60 * MIN, lockMs: 60 * MIN } });
    const at = T + 10 * MIN;

    it('locks every market once the compounded returns of the window fall the limit below their peak', () => {
      // +10%, then -10% twice: 110 -> 99 -> 89.1, a fall of 19% from 110. One -5% trade after +10%: 4.99...
      const history = [configured, drawdown, closed('KRW-BTC', '100000', '10', null, T), closed('KRW-ETH', '-110000', '-10', 'stop_loss', T + MIN)];
      given([...history, ...openTrade('KRW-XRP', '1000000', '-100000', 'stop_loss', at)]).when(closeTrade('KRW-XRP', at)).then([
        closed('KRW-XRP', '-100000', '-10', 'stop_loss', at),
        locked('max_drawdown', at + 60 * MIN, 'realised drawdown of 19% within 3600000 ms (limit 10%)', at),
      ]);
    });

    it('locks when the drawdown reaches the limit exactly, not just below it', () => {
      given([configured, drawdown, closed('KRW-BTC', '0', '0', null, T), ...openTrade('KRW-BTC', '1000000', '-100000', null, at)]).when(closeTrade('KRW-BTC', at)).then([
        closed('KRW-BTC', '-100000', '-10', null, at),
        locked('max_drawdown', at + 60 * MIN, 'realised drawdown of 10% within 3600000 ms (limit 10%)', at),
      ]);
      given([configured, drawdown, closed('KRW-BTC', '0', '0', null, T), ...openTrade('KRW-BTC', '1000000', '-99999', null, at)]).when(closeTrade('KRW-BTC', at)).then([
        closed('KRW-BTC', '-99999', '-9.9999', null, at),
      ]);
    });

    it('waits for the trade limit and forgets trades that left the window', () => {
      given([configured, drawdown, ...openTrade('KRW-BTC', '1000000', '-500000', null, at)]).when(closeTrade('KRW-BTC', at)).then([
        closed('KRW-BTC', '-500000', '-50', null, at),
      ]);
      given([configured, drawdown, closed('KRW-ETH', '-500000', '-50', null, at - 60 * MIN), ...openTrade('KRW-BTC', '1000000', '0', null, at)])
        .when(closeTrade('KRW-BTC', at))
        .then([closed('KRW-BTC', '0', '0', null, at)]);
    });
  });

  describe('low-profit markets', () => {
    const lowProfit = protect({ lowProfitMarkets: { minProfit: '0', tradeLimit: 2, lookbackMs: 60 * MIN, lockMs: 120 * MIN } });
    const at = T + 20 * MIN;

    it('locks a market whose trades in the window sum below the threshold', () => {
      given([configured, lowProfit, closed('KRW-BTC', '5000', '0.5', null, T), ...openTrade('KRW-BTC', '1000000', '-5001', null, at)]).when(closeTrade('KRW-BTC', at)).then([
        closed('KRW-BTC', '-5001', '-0.5001', null, at),
        locked('low_profit_markets', at + 120 * MIN, '2 trades on KRW-BTC made -1 within 3600000 ms (minimum 0)', at, 'KRW-BTC'),
      ]);
    });

    it('leaves a market that made exactly the threshold, and counts only its own trades', () => {
      given([configured, lowProfit, closed('KRW-BTC', '5000', '0.5', null, T), ...openTrade('KRW-BTC', '1000000', '-5000', null, at)]).when(closeTrade('KRW-BTC', at)).then([
        closed('KRW-BTC', '-5000', '-0.5', null, at),
      ]);
      given([configured, lowProfit, closed('KRW-ETH', '-5000', '-0.5', null, T), ...openTrade('KRW-BTC', '1000000', '-5000', null, at)]).when(closeTrade('KRW-BTC', at)).then([
        closed('KRW-BTC', '-5000', '-0.5', null, at),
      ]);
    });
  });

  describe('locks', () => {
    const cooldownLock = locked('cooldown', T + 5 * MIN, 'a trade on KRW-BTC closed; cooldown of 300000 ms', T, 'KRW-BTC');

    it('a longer lock of the same kind replaces a shorter one; a shorter one is not recorded', () => {
      const history = [configured, protect({ cooldown: { periodMs: 5 * MIN } }), cooldownLock];
      given([...history, approved('x1', 'exit', T + MIN)]).when(closeTrade('KRW-BTC', T + MIN)).then([
        closed('KRW-BTC', '0', null, null, T + MIN),
        locked('cooldown', T + 6 * MIN, 'a trade on KRW-BTC closed; cooldown of 300000 ms', T + MIN, 'KRW-BTC'),
      ]);
      const longer = locked('cooldown', T + 60 * MIN, 'operator', T, 'KRW-BTC');
      given([...history, longer, approved('x1', 'exit', T + MIN)]).when(closeTrade('KRW-BTC', T + MIN)).then([closed('KRW-BTC', '0', null, null, T + MIN)]);
    });

    it('switching a protection off ends its locks at once', () => {
      const lowProfit: Protections = { lowProfitMarkets: { minProfit: '0', tradeLimit: 1, lookbackMs: MIN, lockMs: MIN } };
      given([configured, protect({ cooldown: { periodMs: 5 * MIN } }), cooldownLock])
        .when({ type: 'ConfigureProtections', data: { protections: lowProfit, at: T + MIN } })
        .then([{ type: 'ProtectionsConfigured', data: { protections: lowProfit, at: T + MIN } }, unlocked('cooldown', T + 5 * MIN, T + MIN, 'KRW-BTC')]);
    });

    it('refuses an invalid setting, naming the field, and records nothing', () => {
      const bad = (protections: unknown, field: string): void => {
        given([configured])
          .when({ type: 'ConfigureProtections', data: { protections: protections as Protections, at: T } })
          .thenThrows(InvalidProtectionsError, (error) => expect(error.field).toBe(field));
      };
      bad({ cooldown: { periodMs: 0 } }, 'cooldown.periodMs');
      bad({ stoplossGuard: { tradeLimit: 2, lookbackMs: MIN, lockMs: MIN, scope: 'pair' } }, 'stoplossGuard.scope');
      bad({ maxDrawdown: { maxDrawdownPercent: '100', tradeLimit: 1, lookbackMs: MIN, lockMs: MIN } }, 'maxDrawdown.maxDrawdownPercent');
      bad({ lowProfitMarkets: { minProfit: '1e3', tradeLimit: 1, lookbackMs: MIN, lockMs: MIN } }, 'lowProfitMarkets.minProfit');
      bad({ cooldown: { periodMs: MIN, extra: 1 } }, 'cooldown.extra');
      bad({ stopLossGuard: {} }, 'protections.stopLossGuard');
    });
  });
});
