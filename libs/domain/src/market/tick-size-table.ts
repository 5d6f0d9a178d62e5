import { QuoteCurrency } from './market-code';

/**
 * Upbit's price tick sizes, the single place they are written down (shared/docs/upbit-api.md §5).
 * Each band applies from `from` (inclusive) up to the next higher band; bands are listed highest first.
 */
export interface TickBand {
  readonly from: string;
  readonly tick: string;
}

/**
 * KRW market, table effective 2025-07-31. Rows below 10 KRW follow the published pattern (one decimal
 * coarser than the 2024 table); the runtime should prefer GET /v1/orderbook/instruments `tick_size`.
 */
const KRW_BANDS: readonly TickBand[] = [
  { from: '2000000', tick: '1000' },
  { from: '1000000', tick: '1000' },
  { from: '500000', tick: '500' },
  { from: '100000', tick: '100' },
  { from: '50000', tick: '50' },
  { from: '10000', tick: '10' },
  { from: '5000', tick: '5' },
  { from: '1000', tick: '1' },
  { from: '100', tick: '1' },
  { from: '10', tick: '0.1' },
  { from: '1', tick: '0.01' },
  { from: '0.1', tick: '0.001' },
  { from: '0.01', tick: '0.0001' },
  { from: '0.001', tick: '0.00001' },
  { from: '0.0001', tick: '0.000001' },
  { from: '0.00001', tick: '0.0000001' },
  { from: '0', tick: '0.00000001' },
];

/** USDT market, since 2024-08-19. */
const USDT_BANDS: readonly TickBand[] = [
  { from: '10', tick: '0.01' },
  { from: '1', tick: '0.001' },
  { from: '0.1', tick: '0.0001' },
  { from: '0.01', tick: '0.00001' },
  { from: '0.001', tick: '0.000001' },
  { from: '0.0001', tick: '0.0000001' },
  { from: '0', tick: '0.00000001' },
];

/** BTC market: one tick for every price. */
const BTC_BANDS: readonly TickBand[] = [{ from: '0', tick: '0.00000001' }];

export const TICK_SIZE_TABLE: Readonly<Record<QuoteCurrency, readonly TickBand[]>> = {
  KRW: KRW_BANDS,
  BTC: BTC_BANDS,
  USDT: USDT_BANDS,
};

/** A band that differs for one market only; `to` is exclusive. */
export interface TickOverride {
  readonly market: string;
  readonly from: string;
  readonly to: string;
  readonly tick: string;
}

/**
 * KRW-USDT and KRW-USDC trade in 0.5 KRW steps between 1,000 and 10,000 KRW (since 2025-03-21). Whether
 * this survived the 2025-07-31 table change is unverified; the instruments endpoint is authoritative.
 */
export const TICK_SIZE_OVERRIDES: readonly TickOverride[] = [
  { market: 'KRW-USDT', from: '1000', to: '10000', tick: '0.5' },
  { market: 'KRW-USDC', from: '1000', to: '10000', tick: '0.5' },
];
