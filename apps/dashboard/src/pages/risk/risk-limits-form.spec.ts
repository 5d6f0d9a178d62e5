import { describe, expect, it } from 'vitest';
import { changedFields, formFromLimits, type RiskLimits, toRiskLimitsRequest } from './risk-limits-form';

const limits: RiskLimits = {
  quoteCurrency: 'KRW',
  maxNotionalPerOrder: '1000000',
  maxPositionPerMarket: '5000000',
  maxOpenOrders: 10,
  orderRate: { maxOrders: 8, perMs: 1000 },
  maxDailyLoss: '500000',
  maxDrawdownPercent: '20',
};

describe('risk limits form', () => {
  it('round-trips the limits in force into the PUT body', () => {
    expect(toRiskLimitsRequest(formFromLimits(limits))).toEqual(limits);
  });

  it('keeps amounts as typed decimal strings and turns counts into integers', () => {
    const form = { ...formFromLimits(limits), maxDailyLoss: ' 250000.5 ', maxOpenOrders: ' 3 ', 'orderRate.perMs': '2000' };
    const body = toRiskLimitsRequest(form);
    expect(body.maxDailyLoss).toBe('250000.5');
    expect(body.maxOpenOrders).toBe(3);
    expect(body.orderRate).toEqual({ maxOrders: 8, perMs: 2000 });
  });

  it('sends a count that is not a whole number as null, for the server to refuse on that field', () => {
    const body = toRiskLimitsRequest({ ...formFromLimits(limits), maxOpenOrders: '2.5', 'orderRate.maxOrders': '' });
    expect(JSON.parse(JSON.stringify(body))).toMatchObject({ maxOpenOrders: null, orderRate: { maxOrders: null, perMs: 1000 } });
  });

  it('starts empty before any limits were configured, and says which fields changed', () => {
    expect(Object.values(formFromLimits(null))).toEqual(Array(7).fill(''));
    expect(changedFields({ ...formFromLimits(limits), maxOpenOrders: '12', maxDrawdownPercent: '20 ' }, limits)).toEqual(['maxOpenOrders']);
  });
});
