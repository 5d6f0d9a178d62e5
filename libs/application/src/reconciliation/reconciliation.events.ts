/**
 * Facts about comparing our records with the exchange. They live in the `reconciliation` stream; the
 * corrections to orders themselves are ordinary order events caused by ReconciliationStarted.
 */
export type ReconciliationReason = 'startup' | 'stream-gap' | 'operator' | 'balance-recheck';

export interface ReconciliationStartedData {
  reason: ReconciliationReason;
  startedAt: number;
}

/** An open order on the exchange that this system did not place (manual, another bot). */
export interface UnknownExchangeOrderFoundData {
  uuid: string;
  market: string;
  identifier: string | null;
  side: string;
  state: string;
  foundAt: number;
}

/** Our order is working by our records, but the exchange has no such order. */
export interface OrderMissingOnExchangeData {
  orderId: string;
  status: string;
  foundAt: number;
}

/**
 * The exchange holds a different amount of a market's base currency than our position says: `short`
 * means we count more than the exchange has (serious), `excess` means holdings we did not trade.
 */
export interface BalanceMismatchFoundData {
  market: string;
  currency: string;
  kind: 'short' | 'excess';
  positionQuantity: string;
  exchangeQuantity: string;
  foundAt: number;
}

export interface ReconciliationCompletedData {
  reason: ReconciliationReason;
  ordersChecked: number;
  ordersUpdated: number;
  discrepancies: number;
  completedAt: number;
}

export interface ReconciliationFailedData {
  reason: ReconciliationReason;
  error: string;
  failedAt: number;
}

export const RECONCILIATION_STREAM = 'reconciliation';
