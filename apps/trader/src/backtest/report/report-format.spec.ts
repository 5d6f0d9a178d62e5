import { formatDecimal, formatDuration, formatPct, formatRatio, formatTime, printable } from './report-format';

describe('report formatting', () => {
  it('groups thousands and keeps the fraction exactly', () => {
    expect(formatDecimal('-1234567.0005')).toBe('-1,234,567.0005');
    expect(formatDecimal('999')).toBe('999');
    expect(formatDecimal('1000')).toBe('1,000');
    expect(formatDecimal(null)).toBe('-');
  });

  it('prints ratios with two decimals, inf for Infinity and a dash for null', () => {
    expect([formatRatio(2.125), formatRatio(Infinity), formatRatio(null), formatPct(-0.275)]).toEqual(['2.13', 'inf', '-', '-0.28%']);
  });

  it('prints durations in their two largest units', () => {
    expect([formatDuration(2 * 86_400_000 + 3 * 3_600_000), formatDuration(5 * 3_600_000 + 20 * 60_000), formatDuration(250_000), formatDuration(null)]).toEqual(['2d 3h', '5h 20m', '4m 10s', '-']);
  });

  it('prints UTC times to the second', () => {
    expect(formatTime(Date.UTC(2025, 10, 1, 9, 5, 7))).toBe('2025-11-01 09:05:07');
  });

  it('replaces control characters', () => {
    expect(printable('a\u001b[31mb\u0007')).toBe('a?[31mb?');
  });
});
