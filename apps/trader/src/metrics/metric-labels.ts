import type { RejectionReason } from '@trader/application';
import { PROTECTION_NAMES, protectionReasonCode } from '@trader/domain';

/**
 * Label values are bounded (a Prometheus rule: every distinct value is a time series of its own), so
 * codes that come from outside a fixed list are counted as `other`, markets outside the configured
 * ones as `other`, and ids (orders, trades, correlation) never become labels.
 */
export const otherLabel = 'other';

const exchangeRejections: readonly RejectionReason[] = [
  'insufficient_funds',
  'under_min_total',
  'invalid_price_unit',
  'invalid_volume',
  'volume_too_large',
  'invalid_funds',
  'duplicate_identifier',
  'invalid_order',
  'validation',
];

/** Why an order ended as OrderRejected: Upbit's refusals (`RejectionReason`) and our own verdicts on unknown outcomes. */
export const rejectReasons: readonly string[] = [...exchangeRejections, 'stale_order', 'not_found_after_unknown_outcome', 'not_found_at_reconciliation'];

/** Why our risk policy or the trading session refused an order (OrderDenied): the domain's codes. */
export const denialReasons: readonly string[] = [
  'below_min_order_total',
  'kill_switch_engaged',
  'max_notional_per_order',
  'max_open_orders',
  'max_position_per_market',
  'order_rate_exceeded',
  'quote_currency_not_covered',
  'risk_limits_not_configured',
  'trading_halted',
  'session_not_trading',
  'session_halted',
  'session_reducing',
  'reconciliation_pending',
  // An entry a protection's lock refused: protection_cooldown, protection_stoploss_guard, ...
  ...PROTECTION_NAMES.map(protectionReasonCode),
];

/** The findings of a reconciliation, by event type, as label values. */
export const discrepancyKinds: Readonly<Record<string, string>> = {
  BalanceMismatchFound: 'balance_mismatch',
  OrderMissingOnExchange: 'order_missing_on_exchange',
  UnknownExchangeOrderFound: 'unknown_exchange_order',
};

/** `value` when it is one of `allowed`, else `other`. */
export function bounded(value: string, allowed: readonly string[]): string {
  return allowed.includes(value) ? value : otherLabel;
}
