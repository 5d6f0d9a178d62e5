import { QUOTE_CURRENCIES, QuoteCurrency } from '../market/market-code';
import { DecimalString, parseDecimal } from '../shared/decimal';
import { DomainError } from '../shared/domain-error';

/** The limits the risk policy enforces, in one quote currency (KRW). Amounts are decimal strings. */
export interface RiskLimits {
  readonly quoteCurrency: QuoteCurrency;
  /** Largest amount one entry or add may spend. */
  readonly maxNotionalPerOrder: DecimalString;
  /** Largest cost basis held in one market, including the order being checked. */
  readonly maxPositionPerMarket: DecimalString;
  /** Entries and adds are denied while this many approved orders are still open. */
  readonly maxOpenOrders: number;
  /** At most `maxOrders` approvals within any `perMs` window (Upbit's order group allows 8-12/s). */
  readonly orderRate: { readonly maxOrders: number; readonly perMs: number };
  /** Realised loss in one UTC day (Upbit's day starts 09:00 KST) that halts trading; a positive amount. */
  readonly maxDailyLoss: DecimalString;
  /** Fall of equity from its peak, in percent, that halts trading. */
  readonly maxDrawdownPercent: DecimalString;
}

/**
 * Where limits came from: the trader's configuration, applied at start-up (`TRADER_MAX_*`), or an
 * operator's change through the admin API. An operator's limits stay in force across restarts until
 * the configuration itself changes.
 */
export type RiskLimitsSource = 'configuration' | 'operator';

export class InvalidRiskLimitsError extends DomainError {
  readonly code = 'invalid_risk_limits';
  constructor(field: string, value: unknown) {
    super(`Risk limit ${field} is invalid: ${JSON.stringify(value)}`, { field, value });
  }
}

function positiveDecimal(field: string, value: string): void {
  const parsed = parseDecimal(value);
  if (!parsed || parsed.lte(0)) throw new InvalidRiskLimitsError(field, value);
}

function positiveInteger(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new InvalidRiskLimitsError(field, value);
}

export function validateRiskLimits(limits: RiskLimits): RiskLimits {
  if (!(QUOTE_CURRENCIES as readonly string[]).includes(limits.quoteCurrency)) {
    throw new InvalidRiskLimitsError('quoteCurrency', limits.quoteCurrency);
  }
  positiveDecimal('maxNotionalPerOrder', limits.maxNotionalPerOrder);
  positiveDecimal('maxPositionPerMarket', limits.maxPositionPerMarket);
  positiveDecimal('maxDailyLoss', limits.maxDailyLoss);
  positiveDecimal('maxDrawdownPercent', limits.maxDrawdownPercent);
  if (parseDecimal(limits.maxDrawdownPercent)?.gt(100)) throw new InvalidRiskLimitsError('maxDrawdownPercent', limits.maxDrawdownPercent);
  positiveInteger('maxOpenOrders', limits.maxOpenOrders);
  positiveInteger('orderRate.maxOrders', limits.orderRate.maxOrders);
  positiveInteger('orderRate.perMs', limits.orderRate.perMs);
  return limits;
}

const decimalFields = ['maxNotionalPerOrder', 'maxPositionPerMarket', 'maxDailyLoss', 'maxDrawdownPercent'] as const;

/** Whether two sets of limits enforce the same thing: amounts compared as decimals ("1000000.00" is "1000000"), whatever their key order. */
export function sameRiskLimits(a: RiskLimits | null, b: RiskLimits | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.quoteCurrency === b.quoteCurrency &&
    a.maxOpenOrders === b.maxOpenOrders &&
    a.orderRate.maxOrders === b.orderRate.maxOrders &&
    a.orderRate.perMs === b.orderRate.perMs &&
    decimalFields.every((field) => {
      const [x, y] = [parseDecimal(a[field]), parseDecimal(b[field])];
      return x !== null && y !== null ? x.eq(y) : a[field] === b[field];
    })
  );
}
