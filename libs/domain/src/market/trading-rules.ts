import { QuoteCurrency } from './market-code';

/**
 * Per-quote-market order rules other than ticks (shared/docs/upbit-api.md §5): the minimum order total
 * Upbit accepts (below it: `under_min_total_*`) and the default fee rate when the account's own rates
 * from GET /orders/chance are not known.
 */
export interface QuoteMarketRules {
  readonly minOrderTotal: string;
  readonly defaultFeeRate: string;
}

export const QUOTE_MARKET_RULES: Readonly<Record<QuoteCurrency, QuoteMarketRules>> = {
  KRW: { minOrderTotal: '5000', defaultFeeRate: '0.0005' },
  BTC: { minOrderTotal: '0.00005', defaultFeeRate: '0.0025' },
  USDT: { minOrderTotal: '0.5', defaultFeeRate: '0.0025' },
};
