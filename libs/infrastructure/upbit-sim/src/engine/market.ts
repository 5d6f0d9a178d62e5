import { MarketTape } from '../market-data/market-tape';
import { Dec } from './decimal';
import { OrderBook } from './order-book';

/** A market as configured: its listing names and the synthetic price model around which it quotes. */
export interface MarketConfig {
  readonly market: string;
  readonly koreanName: string;
  readonly englishName: string;
  readonly initialPrice: Dec;
  /** Annualised drift and volatility of the GBM price path. */
  readonly drift: number;
  readonly volatility: number;
  readonly jumpsPerDay: number;
  readonly jumpStdDev: number;
  /** Quote amount the market maker shows per price level (on average). */
  readonly levelNotional: Dec;
  /** `market_event.warning` (유의 종목) in GET /market/all?isDetails=true. */
  readonly warning: boolean;
}

/** One live market: configuration, order book and tape. */
export class Market {
  readonly quoteCurrency: string;
  readonly baseCurrency: string;
  readonly book = new OrderBook();
  readonly tape: MarketTape;

  constructor(
    readonly config: MarketConfig,
    tradeRetention: number,
    candleRetention: number,
  ) {
    [this.quoteCurrency, this.baseCurrency] = config.market.split('-');
    this.tape = new MarketTape(config.market, config.initialPrice, tradeRetention, candleRetention);
  }

  get code(): string {
    return this.config.market;
  }
}
