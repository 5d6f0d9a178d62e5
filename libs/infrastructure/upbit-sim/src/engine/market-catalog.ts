import { Dec } from './decimal';
import { MarketConfig } from './market';

/** How a market is asked for in the simulator options; everything but the code has a default. */
export interface MarketOptions {
  readonly market: string;
  readonly koreanName?: string;
  readonly englishName?: string;
  /** Price of the model at 2026-01-01 00:00 UTC, from which history and live tape chain (decimal string). */
  readonly initialPrice?: string;
  /** Annualised drift (default 0). */
  readonly drift?: number;
  /** Annualised long-run volatility, e.g. 0.5 for KRW-BTC. */
  readonly volatility?: number;
  /** Expected jump events per day (fast drops and spikes over 1-4 minutes). */
  readonly jumpsPerDay?: number;
  /** Mean absolute log size of a jump, e.g. 0.012. */
  readonly jumpStdDev?: number;
  /** Average trades per minute (history gaps: a minute without a trade has no candle). */
  readonly tradesPerMinute?: number;
  /** Average quote amount traded per minute. */
  readonly minuteNotional?: number;
  /** Average quote amount per maker level (decimal string). */
  readonly levelNotional?: string;
  readonly warning?: boolean;
}

export class MarketConfigError extends Error {
  readonly code = 'INVALID_MARKET_CONFIG';

  constructor(
    message: string,
    readonly value: unknown,
  ) {
    super(message);
    this.name = 'MarketConfigError';
  }
}

interface Listing {
  readonly koreanName: string;
  readonly englishName: string;
  readonly price: string;
  /** Annualised volatility, trades per minute and KRW (or quote) traded per minute: typical, not measured. */
  readonly volatility: number;
  readonly tradesPerMinute: number;
  readonly minuteNotional: number;
}

/** Listing names, a plausible price and activity for well-known markets (docs/simulator.md, "Price model"). */
const LISTINGS: Record<string, Listing> = {
  'KRW-BTC': { koreanName: '비트코인', englishName: 'Bitcoin', price: '150000000', volatility: 0.5, tradesPerMinute: 60, minuteNotional: 150_000_000 },
  'KRW-ETH': { koreanName: '이더리움', englishName: 'Ethereum', price: '5000000', volatility: 0.65, tradesPerMinute: 40, minuteNotional: 70_000_000 },
  'KRW-XRP': { koreanName: '리플', englishName: 'XRP', price: '3000', volatility: 0.8, tradesPerMinute: 60, minuteNotional: 120_000_000 },
  'KRW-SOL': { koreanName: '솔라나', englishName: 'Solana', price: '250000', volatility: 0.8, tradesPerMinute: 25, minuteNotional: 30_000_000 },
  'KRW-DOGE': { koreanName: '도지코인', englishName: 'Dogecoin', price: '300', volatility: 0.9, tradesPerMinute: 25, minuteNotional: 30_000_000 },
  'KRW-ADA': { koreanName: '에이다', englishName: 'Cardano', price: '1000', volatility: 0.85, tradesPerMinute: 10, minuteNotional: 10_000_000 },
  'KRW-USDT': { koreanName: '테더', englishName: 'Tether', price: '1400', volatility: 0.08, tradesPerMinute: 20, minuteNotional: 20_000_000 },
  'BTC-ETH': { koreanName: '이더리움', englishName: 'Ethereum', price: '0.035', volatility: 0.45, tradesPerMinute: 1, minuteNotional: 0.05 },
  'BTC-XRP': { koreanName: '리플', englishName: 'XRP', price: '0.00002', volatility: 0.6, tradesPerMinute: 0.5, minuteNotional: 0.02 },
  'USDT-BTC': { koreanName: '비트코인', englishName: 'Bitcoin', price: '100000', volatility: 0.5, tradesPerMinute: 1, minuteNotional: 2_000 },
  'USDT-ETH': { koreanName: '이더리움', englishName: 'Ethereum', price: '3500', volatility: 0.65, tradesPerMinute: 0.5, minuteNotional: 1_000 },
};

/** A market without a listing is a thin one: few trades, so many quiet minutes without a candle. */
const UNLISTED_ACTIVITY = { volatility: 0.8, tradesPerMinute: 2, minuteNotional: 2_000_000 };

/** Quote amount per maker level by quote currency (deep enough for market orders of a few levels). */
const LEVEL_NOTIONAL: Record<string, string> = { KRW: '20000000', BTC: '0.2', USDT: '15000' };

export const DEFAULT_MARKETS = ['KRW-BTC', 'KRW-ETH', 'KRW-XRP'];

export function marketConfig(options: MarketOptions): MarketConfig {
  const code = options.market;
  if (!/^[A-Z0-9]+-[A-Z0-9]+$/.test(code)) throw new MarketConfigError('market code must look like KRW-BTC', code);
  const listing = LISTINGS[code];
  const price = options.initialPrice ?? listing?.price;
  if (price === undefined) throw new MarketConfigError(`market ${code} needs an initialPrice`, code);
  const initialPrice = new Dec(price);
  if (!initialPrice.gt(0)) throw new MarketConfigError('initialPrice must be positive', price);
  const [quote, base] = code.split('-');
  const activity = listing ?? UNLISTED_ACTIVITY;
  const volatility = nonNegative('volatility', options.volatility ?? activity.volatility);
  const jumpsPerDay = nonNegative('jumpsPerDay', options.jumpsPerDay ?? 1);
  // Jumps scale with the market: about 0.7 % on average for KRW-BTC, more for the alts.
  const jumpStdDev = nonNegative('jumpStdDev', options.jumpStdDev ?? 0.014 * volatility);
  const tradesPerMinute = nonNegative('tradesPerMinute', options.tradesPerMinute ?? activity.tradesPerMinute);
  const minuteNotional = nonNegative('minuteNotional', options.minuteNotional ?? activity.minuteNotional);
  const drift = options.drift ?? 0;
  if (!Number.isFinite(drift)) throw new MarketConfigError('drift must be a finite number', drift);
  return {
    market: code,
    koreanName: options.koreanName ?? listing?.koreanName ?? base,
    englishName: options.englishName ?? listing?.englishName ?? base,
    initialPrice,
    drift,
    volatility,
    jumpsPerDay,
    jumpStdDev,
    tradesPerMinute,
    minuteNotional,
    levelNotional: new Dec(options.levelNotional ?? LEVEL_NOTIONAL[quote] ?? '1000'),
    warning: options.warning ?? false,
  };
}

function nonNegative(name: string, value: number): number {
  if (!(value >= 0) || !Number.isFinite(value)) throw new MarketConfigError(`${name} must be a finite number >= 0`, value);
  return value;
}
