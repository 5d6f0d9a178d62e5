import { InvalidDecimalError } from '../market/market.errors';
import { DeciderSpecification } from '../shared/testing/decider-specification';
import { RiskCommand } from './risk.commands';
import { IllegalRiskTransitionError } from './risk.errors';
import { RiskEvent } from './risk.events';
import { InvalidRiskLimitsError, RiskLimits, sameRiskLimits } from './risk-limits';
import { riskPolicyDecider, tradingDay } from './risk-policy.decider';

const given = DeciderSpecification.for(riskPolicyDecider);
const DAY = Date.UTC(2026, 10, 23, 3);

const limits: RiskLimits = {
  quoteCurrency: 'KRW',
  maxNotionalPerOrder: '1000000',
  maxPositionPerMarket: '3000000',
  maxOpenOrders: 2,
  orderRate: { maxOrders: 3, perMs: 1000 },
  maxDailyLoss: '500000',
  maxDrawdownPercent: '10',
};
const configured: RiskEvent = { type: 'RiskLimitsConfigured', data: { limits, at: 0 } };

const check = (orderId: string, intent: string, notional: string, at = DAY, market = 'KRW-BTC'): RiskCommand => ({
  type: 'CheckOrder',
  data: { orderId, market, intent, notional, at },
});
const approved = (orderId: string, notional: string, at = DAY, intent: 'entry' | 'add' | 'exit' = 'entry'): RiskEvent => ({
  type: 'OrderApproved',
  data: { orderId, market: 'KRW-BTC', intent, notional, at },
});
const denied = (orderId: string, intent: 'entry' | 'add' | 'exit', reasonCode: string, detail: string, at = DAY): RiskEvent => ({
  type: 'OrderDenied',
  data: { orderId, intent, deniedBy: 'risk', reasonCode, detail, at },
});
const halted = (reasonCode: 'max_daily_loss' | 'max_drawdown' | 'kill_switch', at = DAY): RiskEvent => ({
  type: 'RiskHaltTriggered',
  data: { reasonCode, at },
});

describe('RiskPolicy decider', () => {
  describe('pre-trade checks', () => {
    it('approves an order within every limit', () => {
      given([configured]).when(check('o1', 'entry', '100000')).then([approved('o1', '100000')]);
    });

    it('denies everything until limits are configured', () => {
      given([]).when(check('o1', 'exit', '100000')).then([
        denied('o1', 'exit', 'risk_limits_not_configured', 'no risk limits have been configured'),
      ]);
    });

    it('denies an order above the max notional, but never caps an exit', () => {
      given([configured]).when(check('o1', 'add', '1000001')).then([denied('o1', 'add', 'max_notional_per_order', '1000001 exceeds 1000000')]);
      given([configured]).when(check('o1', 'exit', '5000000')).then([approved('o1', '5000000', DAY, 'exit')]);
    });

    it('denies an order below Upbit minimum order total of 5,000 KRW', () => {
      given([configured]).when(check('o1', 'exit', '4999')).then([
        denied('o1', 'exit', 'below_min_order_total', "4999 is below Upbit's minimum of 5000"),
      ]);
    });

    it('denies an entry that would take the market position above its limit', () => {
      const exposure: RiskEvent = { type: 'ExposureRecorded', data: { market: 'KRW-BTC', costBasis: '2500000', at: DAY } };
      given([configured, exposure]).when(check('o1', 'add', '500000')).then([approved('o1', '500000', DAY, 'add')]);
      given([configured, exposure]).when(check('o1', 'add', '500001')).then([
        denied('o1', 'add', 'max_position_per_market', 'KRW-BTC would hold 3000001, above 3000000'),
      ]);
    });

    it('denies entries while the max number of orders is open, and counts closed ones out', () => {
      const open = [configured, approved('o1', '10000', DAY - 5000), approved('o2', '10000', DAY - 5000)];
      given(open).when(check('o3', 'entry', '10000')).then([denied('o3', 'entry', 'max_open_orders', '2 orders are open (limit 2)')]);
      given(open).when(check('o3', 'exit', '10000')).then([approved('o3', '10000', DAY, 'exit')]);
      given([...open, { type: 'RiskOrderClosed', data: { orderId: 'o1', at: DAY } }]).when(check('o3', 'entry', '10000')).then([approved('o3', '10000')]);
    });

    it('denies an order above the order rate, exits included, until the window has passed', () => {
      const burst = [configured, approved('o1', '10000', DAY - 900, 'exit'), approved('o2', '10000', DAY - 500, 'exit'), approved('o3', '10000', DAY - 100, 'exit')];
      given(burst).when(check('o4', 'exit', '10000')).then([denied('o4', 'exit', 'order_rate_exceeded', '3 orders in the last 1000 ms')]);
      given(burst).when(check('o4', 'exit', '10000', DAY + 100)).then([approved('o4', '10000', DAY + 100, 'exit')]);
    });

    it('denies markets outside the quote currency of the limits', () => {
      given([configured]).when(check('o1', 'entry', '0.001', DAY, 'BTC-ETH')).then([
        denied('o1', 'entry', 'quote_currency_not_covered', 'limits are set in KRW, not BTC'),
      ]);
    });

    it('refuses a cancel, an order approved before, or a malformed notional as a command error, not a denial', () => {
      given([configured, approved('o1', '10000')]).when(check('o1', 'entry', '10000')).thenThrows(IllegalRiskTransitionError);
      given([configured]).when(check('o1', 'cancel', '10000')).thenThrows(IllegalRiskTransitionError);
      given([configured]).when(check('o1', 'entry', '1e5')).thenThrows(InvalidDecimalError);
    });
  });

  describe('position cap with orders approved but not yet filled', () => {
    // The trader's defaults: 1M per order, 5M per market, 10 open orders.
    const defaults: RiskEvent = {
      type: 'RiskLimitsConfigured',
      data: { limits: { ...limits, maxPositionPerMarket: '5000000', maxOpenOrders: 10, orderRate: { maxOrders: 100, perMs: 1000 } }, at: 0 },
    };
    const fiveOpen = [defaults, ...['b1', 'b2', 'b3', 'b4', 'b5'].map((id) => approved(id, '1000000'))];
    const buyFill = (orderId: string, tradeId: string, funds: string): RiskCommand => ({
      type: 'RecordBuyFill',
      data: { orderId, market: 'KRW-BTC', tradeId, funds, at: DAY },
    });
    const buyFilled = (orderId: string, tradeId: string, funds: string): RiskEvent => ({
      type: 'BuyFillRecorded',
      data: { orderId, market: 'KRW-BTC', tradeId, funds, at: DAY },
    });
    const positioned = (costBasis: string, tradeId: string): RiskEvent => ({
      type: 'ExposureRecorded',
      data: { market: 'KRW-BTC', costBasis, tradeId, at: DAY },
    });
    const closed = (orderId: string): RiskEvent => ({ type: 'RiskOrderClosed', data: { orderId, at: DAY } });

    it('denies the 6th 1M buy on a market while five are open and unfilled', () => {
      given(fiveOpen).when(check('b6', 'entry', '1000000')).then([
        denied('b6', 'entry', 'max_position_per_market', 'KRW-BTC would hold 6000000, above 5000000'),
      ]);
    });

    it('counts pending buys per market: another market still has room', () => {
      given(fiveOpen).when(check('e1', 'entry', '1000000', DAY, 'KRW-ETH')).then([
        { type: 'OrderApproved', data: { orderId: 'e1', market: 'KRW-ETH', intent: 'entry', notional: '1000000', at: DAY } },
      ]);
    });

    it('does not count an exit as pending exposure', () => {
      const four = [defaults, ...['b1', 'b2', 'b3', 'b4'].map((id) => approved(id, '1000000')), approved('x1', '3000000', DAY, 'exit')];
      given(four).when(check('b5', 'add', '1000000')).then([approved('b5', '1000000', DAY, 'add')]);
    });

    it('moves a partial fill from pending to filled exposure, so the total stays the same', () => {
      given(fiveOpen).when(buyFill('b1', 't1', '400000')).then([buyFilled('b1', 't1', '400000')]);
      // Filled by the fill, then by the position's cost basis: either way 5M is held or on its way.
      given([...fiveOpen, buyFilled('b1', 't1', '400000')]).when(check('b6', 'entry', '5000')).then([
        denied('b6', 'entry', 'max_position_per_market', 'KRW-BTC would hold 5005000, above 5000000'),
      ]);
      given([...fiveOpen, buyFilled('b1', 't1', '400000'), positioned('400000', 't1')]).when(check('b6', 'entry', '5000')).then([
        denied('b6', 'entry', 'max_position_per_market', 'KRW-BTC would hold 5005000, above 5000000'),
      ]);
    });

    it('releases the unfilled rest of a buy when it closes, and keeps what it filled', () => {
      const history = [...fiveOpen, buyFilled('b1', 't1', '400000'), closed('b1'), positioned('400000', 't1')];
      given(history).when(check('b6', 'entry', '600000')).then([approved('b6', '600000')]);
      given(history).when(check('b6', 'entry', '600001')).then([
        denied('b6', 'entry', 'max_position_per_market', 'KRW-BTC would hold 5000001, above 5000000'),
      ]);
    });

    it('releases all of a buy that is cancelled or rejected unfilled', () => {
      given([...fiveOpen, closed('b2')]).when(check('b6', 'entry', '1000000')).then([approved('b6', '1000000')]);
    });

    it('records a trade once, and a fill of a buy it never approved as exposure on its way', () => {
      given([...fiveOpen, buyFilled('b1', 't1', '400000')]).when(buyFill('b1', 't1', '400000')).then([]);
      given([defaults, buyFilled('manual', 'tm', '4500000')]).when(check('b1', 'entry', '500001')).then([
        denied('b1', 'entry', 'max_position_per_market', 'KRW-BTC would hold 5000001, above 5000000'),
      ]);
    });
  });

  describe('daily loss', () => {
    const pnl = (amount: string, at = DAY): RiskCommand => ({ type: 'RecordRealizedPnl', data: { amount, filledAt: at, at } });

    it('accumulates realised PnL per UTC day and halts when the loss reaches the limit', () => {
      const first: RiskEvent = { type: 'RealizedPnlRecorded', data: { day: '2026-11-23', amount: '-300000', dailyRealizedPnl: '-300000', filledAt: DAY, at: DAY } };
      given([configured]).when(pnl('-300000')).then([first]);
      given([configured, first]).when(pnl('-200000')).then([
        { type: 'RealizedPnlRecorded', data: { day: '2026-11-23', amount: '-200000', dailyRealizedPnl: '-500000', filledAt: DAY, at: DAY } },
        { type: 'DailyLossLimitBreached', data: { day: '2026-11-23', dailyRealizedPnl: '-500000', limit: '500000', at: DAY } },
        halted('max_daily_loss'),
      ]);
    });

    it('counts a loss against the day of its fill, not the day it is recorded on', () => {
      const yesterday = DAY - 24 * 3_600_000;
      const today: RiskEvent = { type: 'RealizedPnlRecorded', data: { day: '2026-11-23', amount: '-300000', dailyRealizedPnl: '-300000', filledAt: DAY, at: DAY } };
      // Caught up after a restart: yesterday's fill must neither add to today's loss nor halt today.
      given([configured, today]).when({ type: 'RecordRealizedPnl', data: { amount: '-300000', filledAt: yesterday, at: DAY + 1000 } }).then([
        { type: 'RealizedPnlRecorded', data: { day: '2026-11-22', amount: '-300000', dailyRealizedPnl: '-300000', filledAt: yesterday, at: DAY + 1000 } },
      ]);
      const late: RiskEvent = { type: 'RealizedPnlRecorded', data: { day: '2026-11-22', amount: '-300000', dailyRealizedPnl: '-300000', filledAt: yesterday, at: DAY + 1000 } };
      given([configured, today, late]).when(pnl('-100000')).then([
        { type: 'RealizedPnlRecorded', data: { day: '2026-11-23', amount: '-100000', dailyRealizedPnl: '-400000', filledAt: DAY, at: DAY } },
      ]);
      given([configured, today, late]).when({ type: 'RecordRealizedPnl', data: { amount: '-250000', filledAt: yesterday, at: DAY + 2000 } }).then([
        { type: 'RealizedPnlRecorded', data: { day: '2026-11-22', amount: '-250000', dailyRealizedPnl: '-550000', filledAt: yesterday, at: DAY + 2000 } },
      ]);
    });

    it('starts a new day from zero', () => {
      const first: RiskEvent = { type: 'RealizedPnlRecorded', data: { day: '2026-11-23', amount: '-400000', dailyRealizedPnl: '-400000', at: DAY } };
      const tomorrow = DAY + 24 * 3_600_000;
      given([configured, first]).when(pnl('-200000', tomorrow)).then([
        { type: 'RealizedPnlRecorded', data: { day: '2026-11-24', amount: '-200000', dailyRealizedPnl: '-200000', filledAt: tomorrow, at: tomorrow } },
      ]);
      expect(tradingDay(Date.UTC(2026, 10, 23, 23, 59, 59, 999))).toBe('2026-11-23');
      expect(tradingDay(Date.UTC(2026, 10, 24))).toBe('2026-11-24');
    });

    it('denies entries and adds once halted, and lets exits through', () => {
      const history = [configured, halted('max_daily_loss')];
      given(history).when(check('o1', 'entry', '10000')).then([denied('o1', 'entry', 'trading_halted', 'halted: max_daily_loss')]);
      given(history).when(check('o1', 'add', '10000')).then([denied('o1', 'add', 'trading_halted', 'halted: max_daily_loss')]);
      given(history).when(check('o1', 'exit', '10000')).then([approved('o1', '10000', DAY, 'exit')]);
    });
  });

  describe('drawdown', () => {
    const equity = (value: string): RiskCommand => ({ type: 'RecordEquity', data: { equity: value, at: DAY } });
    const recorded = (value: string, peak: string, drawdownPercent: string): RiskEvent => ({
      type: 'EquityRecorded',
      data: { equity: value, peak, drawdownPercent, at: DAY },
    });

    it('tracks the peak and halts when equity falls the max drawdown below it', () => {
      given([configured]).when(equity('10000000')).then([recorded('10000000', '10000000', '0')]);
      given([configured, recorded('10000000', '10000000', '0')]).when(equity('9100000')).then([recorded('9100000', '10000000', '9')]);
      given([configured, recorded('10000000', '10000000', '0')]).when(equity('9000000')).then([
        recorded('9000000', '10000000', '10'),
        { type: 'DrawdownLimitBreached', data: { drawdownPercent: '10', limit: '10', at: DAY } },
        halted('max_drawdown'),
      ]);
    });

    it('restarts the peak from the last equity when the halt is cleared', () => {
      const history = [configured, recorded('10000000', '10000000', '0'), recorded('9000000', '10000000', '10'), halted('max_drawdown')];
      given(history).when({ type: 'ClearRiskHalt', data: { at: DAY } }).then([{ type: 'RiskHaltCleared', data: { at: DAY } }]);
      given([...history, { type: 'RiskHaltCleared', data: { at: DAY } }]).when(equity('8900000')).then([recorded('8900000', '9000000', '1.111111')]);
    });
  });

  describe('kill switch', () => {
    it('lists the open orders to cancel and halts', () => {
      given([configured, approved('o1', '10000')])
        .when({ type: 'EngageKillSwitch', data: { reason: 'operator', at: DAY } })
        .then([{ type: 'KillSwitchEngaged', data: { reason: 'operator', openOrderIds: ['o1'], at: DAY } }, halted('kill_switch')]);
    });

    it('denies every order while engaged, exits included', () => {
      const history: RiskEvent[] = [configured, { type: 'KillSwitchEngaged', data: { reason: 'operator', openOrderIds: [], at: DAY } }, halted('kill_switch')];
      given(history).when(check('o1', 'exit', '10000')).then([denied('o1', 'exit', 'kill_switch_engaged', 'the kill switch is engaged')]);
      given(history).when({ type: 'ClearRiskHalt', data: { at: DAY } }).thenThrows(IllegalRiskTransitionError);
      given(history).when({ type: 'ReleaseKillSwitch', data: { at: DAY } }).then([{ type: 'KillSwitchReleased', data: { at: DAY } }]);
    });

    it.each([
      ['engaging it twice', [{ type: 'KillSwitchEngaged', data: { reason: 'x', openOrderIds: [], at: DAY } }], { type: 'EngageKillSwitch', data: { reason: 'y', at: DAY } }],
      ['releasing it when not engaged', [], { type: 'ReleaseKillSwitch', data: { at: DAY } }],
      ['clearing a halt that is not there', [], { type: 'ClearRiskHalt', data: { at: DAY } }],
      ['closing an order that is not open', [], { type: 'RecordOrderClosed', data: { orderId: 'nope', at: DAY } }],
    ] as Array<[string, RiskEvent[], RiskCommand]>)('refuses %s', (_name, history, command) => {
      given([configured, ...history]).when(command).thenThrows(IllegalRiskTransitionError);
    });
  });

  it("records where limits came from, and keeps the configuration's last limits apart from an operator's", () => {
    given([]).when({ type: 'ConfigureRiskLimits', data: { limits, at: 0 } }).then([{ type: 'RiskLimitsConfigured', data: { limits, source: 'configuration', at: 0 } }]);
    const operator = { ...limits, maxOpenOrders: 1 };
    given([]).when({ type: 'ConfigureRiskLimits', data: { limits: operator, source: 'operator', at: 0 } }).then([{ type: 'RiskLimitsConfigured', data: { limits: operator, source: 'operator', at: 0 } }]);

    const fold = (events: RiskEvent[]) => events.reduce((state, event) => riskPolicyDecider.evolve(state, event), riskPolicyDecider.initialState());
    // An event stored before `source` existed counts as the configuration's.
    const state = fold([configured, { type: 'RiskLimitsConfigured', data: { limits: operator, source: 'operator', at: 1 } }]);
    expect(state.limits).toEqual(operator);
    expect(state.configuredLimits).toEqual(limits);
    expect(fold([configured]).configuredLimits).toEqual(limits);
    expect(riskPolicyDecider.initialState().configuredLimits).toBeNull();
  });

  it('compares limits by what they enforce (sameRiskLimits)', () => {
    expect(sameRiskLimits(limits, { ...limits })).toBe(true);
    expect(sameRiskLimits(limits, { ...limits, maxNotionalPerOrder: '1000000.00', maxDrawdownPercent: '10.0' })).toBe(true);
    const reordered = Object.fromEntries(Object.entries(limits).reverse()) as unknown as RiskLimits;
    expect(sameRiskLimits(limits, reordered)).toBe(true);
    expect(sameRiskLimits(limits, { ...limits, maxNotionalPerOrder: '1000001' })).toBe(false);
    expect(sameRiskLimits(limits, { ...limits, orderRate: { maxOrders: 3, perMs: 2000 } })).toBe(false);
    expect(sameRiskLimits(limits, { ...limits, maxOpenOrders: 3 })).toBe(false);
    expect(sameRiskLimits(null, limits)).toBe(false);
    expect(sameRiskLimits(null, null)).toBe(true);
  });

  it('refuses invalid limits', () => {
    given([]).when({ type: 'ConfigureRiskLimits', data: { limits: { ...limits, maxOpenOrders: 0 }, at: 0 } }).thenThrows(InvalidRiskLimitsError);
    given([]).when({ type: 'ConfigureRiskLimits', data: { limits: { ...limits, maxDrawdownPercent: '150' }, at: 0 } }).thenThrows(InvalidRiskLimitsError);
  });
});
