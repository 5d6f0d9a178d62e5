/** Crypto trades every day of the year, so daily figures annualise over 365 days, not 252. */
const ANNUALISE = Math.sqrt(365);
/**
 * Identical daily returns leave float residue in the deviation (three days of 0.1 average to
 * 0.10000000000000002); below this a deviation is that residue, and the ratio has no meaning.
 */
const NO_DEVIATION = 1e-12;

export interface DailyRatios {
  readonly days: number;
  readonly sharpe: number | null;
  readonly sortino: number | null;
}

/**
 * Sharpe and Sortino of daily equity values (risk-free rate 0). Sharpe divides the mean daily return by
 * its sample standard deviation (n - 1); Sortino by the downside deviation sqrt(sum(min(r, 0)^2) / n)
 * over all days, target 0. Fewer than two returns, or no deviation, leave the ratio null.
 */
export function dailyRatios(dayEndValues: readonly number[]): DailyRatios {
  const returns: number[] = [];
  for (let i = 1; i < dayEndValues.length; i += 1) {
    const before = dayEndValues[i - 1];
    // Equity at zero stays at zero: no return can be measured from nothing.
    returns.push(before > 0 ? dayEndValues[i] / before - 1 : 0);
  }
  const days = returns.length;
  if (days < 2) return { days, sharpe: null, sortino: null };
  const mean = returns.reduce((sum, r) => sum + r, 0) / days;
  const variance = returns.reduce((sum, r) => sum + (r - mean) ** 2, 0) / (days - 1);
  const downside = Math.sqrt(returns.reduce((sum, r) => sum + Math.min(r, 0) ** 2, 0) / days);
  const deviation = Math.sqrt(variance);
  return {
    days,
    sharpe: deviation > NO_DEVIATION ? (mean / deviation) * ANNUALISE : null,
    sortino: downside > NO_DEVIATION ? (mean / downside) * ANNUALISE : null,
  };
}
