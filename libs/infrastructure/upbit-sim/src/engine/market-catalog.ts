import { Dec } from './decimal';
import { MarketConfig } from './market';

/** How a market is asked for in the simulator options; everything but the code has a default. */
export interface MarketOptions {
  readonly market: string;
  readonly koreanName?: string;
  readonly englishName?: string;
  /** Starting price of the synthetic path (decimal string). */
  readonly initialPrice?: string;
  readonly drift?: number;
  readonly volatility?: number;
  readonly jumpsPerDay?: number;
  readonly jumpStdDev?: number;
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
}

/** Listing names and a plausible starting price for well-known markets. */
const LISTINGS: Record<string, Listing> = {
  'KRW-BTC': { koreanName: '비트코인', englishName: 'Bitcoin', price: '150000000' },
  'KRW-ETH': { koreanName: '이더리움', englishName: 'Ethereum', price: '5000000' },
  'KRW-XRP': { koreanName: '리플', englishName: 'XRP', price: '3000' },
  'KRW-SOL': { koreanName: '솔라나', englishName: 'Solana', price: '250000' },
  'KRW-DOGE': { koreanName: '도지코인', englishName: 'Dogecoin', price: '300' },
  'KRW-ADA': { koreanName: '에이다', englishName: 'Cardano', price: '1000' },
  'KRW-USDT': { koreanName: '테더', englishName: 'Tether', price: '1400' },
  'BTC-ETH': { koreanName: '이더리움', englishName: 'Ethereum', price: '0.035' },
  'BTC-XRP': { koreanName: '리플', englishName: 'XRP', price: '0.00002' },
  'USDT-BTC': { koreanName: '비트코인', englishName: 'Bitcoin', price: '100000' },
  'USDT-ETH': { koreanName: '이더리움', englishName: 'Ethereum', price: '3500' },
};

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
  const volatility = options.volatility ?? 0.6;
  if (!(volatility >= 0)) throw new MarketConfigError('volatility must be >= 0', volatility);
  return {
    market: code,
    koreanName: options.koreanName ?? listing?.koreanName ?? base,
    englishName: options.englishName ?? listing?.englishName ?? base,
    initialPrice,
    drift: options.drift ?? 0,
    volatility,
    jumpsPerDay: options.jumpsPerDay ?? 2,
    jumpStdDev: options.jumpStdDev ?? 0.01,
    levelNotional: new Dec(options.levelNotional ?? LEVEL_NOTIONAL[quote] ?? '1000'),
    warning: options.warning ?? false,
  };
}
