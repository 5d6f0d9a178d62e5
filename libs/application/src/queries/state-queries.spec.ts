import { inMemoryRepositories } from '../testing/in-memory-repositories';
import { RISK_ID, SESSION_ID } from '../trading/trading-repositories';
import { GetRiskStateHandler } from './get-risk-state/get-risk-state.handler';
import { GetSessionHandler } from './get-session.handler';

describe('state queries', () => {
  it('shows the session and the risk state as plain data', async () => {
    const r = inMemoryRepositories();
    await r.startTrading({ maxNotionalPerOrder: '500000' });
    await r.session.handle(SESSION_ID, { type: 'BeginOrder', data: { orderId: 'o-1', intent: 'entry', at: r.clock.now() } });
    await r.risk.handle(RISK_ID, { type: 'RecordExposure', data: { market: 'KRW-BTC', costBasis: '123456.5', at: r.clock.now() } });

    expect(await new GetSessionHandler(r.session).execute()).toEqual(
      expect.objectContaining({ mode: 'trading', haltReason: null, ordersInFlight: ['o-1'], databaseProfile: 'default' }),
    );
    const risk = await new GetRiskStateHandler(r.risk, r.clock).execute();
    expect(risk).toEqual(expect.objectContaining({ exposure: { 'KRW-BTC': '123456.5' }, killSwitchEngaged: false, haltReason: null }));
    expect(risk.limits?.maxNotionalPerOrder).toBe('500000');
    expect(JSON.parse(JSON.stringify(risk))).toEqual(risk);
  });
});
