import { describe, expect, it } from 'vitest';
import { formatAmount, formatSigned, pnlClass, signOf, sumDecimals } from './decimal';

describe('decimal amounts', () => {
  it('sums exactly where floats would not', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['1000000.5', '-250.25', '3'])).toBe('999753.25');
    expect(sumDecimals(['-0.5', '0.5'])).toBe('0');
    expect(sumDecimals([])).toBe('0');
  });

  it('refuses something that is not a decimal amount', () => {
    expect(() => sumDecimals(['1e5'])).toThrow('not a decimal amount');
  });

  it('formats with separators and cuts extra decimals', () => {
    expect(formatAmount('95000000')).toBe('95,000,000');
    expect(formatAmount('-1234567.891', 2)).toBe('-1,234,567.89');
    expect(formatAmount('0.00012345')).toBe('0.00012345');
    expect(formatAmount('-0.004', 2)).toBe('0');
  });

  it('signs PnL and colours it by Upbit convention', () => {
    expect(formatSigned('1200')).toBe('+1,200');
    expect(formatSigned('-350.7')).toBe('-350');
    expect(formatSigned('0.2')).toBe('0');
    expect(signOf('-0.0')).toBe(0);
    expect(pnlClass('15')).toBe('up');
    expect(pnlClass('-15')).toBe('down');
    expect(pnlClass('0')).toBe('');
    expect(pnlClass('0.4')).toBe('');
    expect(pnlClass('-0.04', 2)).toBe('down');
  });
});
