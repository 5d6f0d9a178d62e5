import { describe, expect, it } from 'vitest';
import { asUtc, type BacktestFormValues, toBacktestRequest } from './backtest-request';

const form: BacktestFormValues = { strategyId: 'basic-seven-rules', markets: 'KRW-BTC', from: '2026-01-01T00:00', to: '2026-01-02T00:00', initialKrw: '', fee: '', slippageBps: '' };

describe('toBacktestRequest', () => {
  it('maps the form to the request, leaving blank optional fields to the server defaults', () => {
    expect(toBacktestRequest(form)).toEqual({ strategyId: 'basic-seven-rules', markets: ['KRW-BTC'], from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' });
  });

  it('splits markets on commas and spaces, upper-cased, and passes amounts as typed', () => {
    expect(toBacktestRequest({ ...form, strategyId: ' ', markets: 'krw-btc, KRW-ETH  krw-xrp,', initialKrw: '5000000', fee: '0.0005', slippageBps: '7.5' })).toEqual({
      markets: ['KRW-BTC', 'KRW-ETH', 'KRW-XRP'],
      from: '2026-01-01T00:00:00Z',
      to: '2026-01-02T00:00:00Z',
      initialKrw: '5000000',
      fee: '0.0005',
      slippageBps: 7.5,
    });
  });

  it('passes a wrong time or an empty market list through, for the server to name the field', () => {
    expect(toBacktestRequest({ ...form, markets: '', from: 'yesterday' })).toEqual(expect.objectContaining({ markets: [], from: 'yesterday' }));
  });
});

describe('asUtc', () => {
  it('reads a datetime-local value as UTC', () => {
    expect(asUtc('2026-03-01T09:30')).toBe('2026-03-01T09:30:00Z');
    expect(asUtc('2026-03-01T09:30:15')).toBe('2026-03-01T09:30:15Z');
    expect(asUtc('2026-03-01T09:30:00Z')).toBe('2026-03-01T09:30:00Z');
  });
});
