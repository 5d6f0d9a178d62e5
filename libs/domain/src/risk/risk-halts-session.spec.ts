import { Decider, DomainEvent } from '../shared/decider';
import { SessionCommand } from '../session/session.commands';
import { SessionState, tradingSessionDecider } from '../session/session.decider';
import { SessionEvent } from '../session/session.events';
import { RiskCommand } from './risk.commands';
import { RiskEvent } from './risk.events';
import { riskPolicyDecider } from './risk-policy.decider';
import { RiskState } from './risk.state';

/** Runs commands against a decider, keeping its state and every event, as the application will. */
class Stream<C, E extends DomainEvent, S> {
  state: S;
  readonly events: E[] = [];
  constructor(private readonly decider: Decider<C, E, S>) {
    this.state = decider.initialState();
  }
  handle(command: C): E[] {
    const produced = this.decider.decide(command, this.state);
    for (const event of produced) this.state = this.decider.evolve(this.state, event);
    this.events.push(...produced);
    return produced;
  }
}

/**
 * The wiring the application's risk saga will do, on pure deciders: RiskHaltTriggered halts the
 * session; from then on both deny new exposure while exits pass.
 */
describe('a risk halt', () => {
  it('halts the session: entries are denied by both, exits go through', () => {
    const risk = new Stream<RiskCommand, RiskEvent, RiskState>(riskPolicyDecider);
    const session = new Stream<SessionCommand, SessionEvent, SessionState>(tradingSessionDecider);
    const at = Date.UTC(2026, 10, 23, 3);
    risk.handle({
      type: 'ConfigureRiskLimits',
      data: {
        limits: {
          quoteCurrency: 'KRW',
          maxNotionalPerOrder: '1000000',
          maxPositionPerMarket: '5000000',
          maxOpenOrders: 5,
          orderRate: { maxOrders: 10, perMs: 1000 },
          maxDailyLoss: '100000',
          maxDrawdownPercent: '20',
        },
        at,
      },
    });
    session.handle({ type: 'StartTrading', data: { at } });

    const produced = risk.handle({ type: 'RecordRealizedPnl', data: { amount: '-100000.5', filledAt: at, at } });
    const halt = produced.find((e) => e.type === 'RiskHaltTriggered');
    expect(halt?.data).toEqual({ reasonCode: 'max_daily_loss', at });
    if (halt?.type === 'RiskHaltTriggered') session.handle({ type: 'HaltTrading', data: { reason: halt.data.reasonCode, at } });
    expect(session.state.mode).toBe('halted');

    expect(session.handle({ type: 'BeginOrder', data: { orderId: 'e1', intent: 'entry', at } })).toMatchObject([
      { type: 'OrderDenied', data: { deniedBy: 'session', reasonCode: 'session_halted' } },
    ]);
    expect(risk.handle({ type: 'CheckOrder', data: { orderId: 'e1', market: 'KRW-BTC', intent: 'entry', notional: '50000', at } })).toMatchObject([
      { type: 'OrderDenied', data: { deniedBy: 'risk', reasonCode: 'trading_halted' } },
    ]);
    expect(session.handle({ type: 'BeginOrder', data: { orderId: 'x1', intent: 'exit', at } })[0].type).toBe('SessionOrderStarted');
    expect(risk.handle({ type: 'CheckOrder', data: { orderId: 'x1', market: 'KRW-BTC', intent: 'exit', notional: '50000', at } })[0].type).toBe(
      'OrderApproved',
    );
  });
});
