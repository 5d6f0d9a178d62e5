import { MarketHistory } from '../history/market-history';
import { MarketTape } from '../market-data/market-tape';
import { Dec } from './decimal';
import { OrderBook } from './order-book';

/** A market as configured: its listing names and the synthetic price model around which it quotes. */
export interface MarketConfig {
  readonly market: string;
  readonly koreanName: string;
  readonly englishName: string;
  readonly initialPrice: Dec;
  /** Annualised drift and long-run volatility of the price model (docs/simulator.md, "Price model"). */
  readonly drift: number;
  readonly volatility: number;
  /** Jump events (fast drops and spikes) per day, and their mean absolute log size. */
  readonly jumpsPerDay: number;
  readonly jumpStdDev: number;
  /** Average trades per minute in the history (thin markets: more minutes without a candle). */
  readonly tradesPerMinute: number;
  /** Average quote amount traded per minute in the history. */
  readonly minuteNotional: number;
  /** Quote amount the market maker shows per price level (on average). */
  readonly levelNotional: Dec;
  /** `market_event.warning` (유의 종목) in GET /market/all?isDetails=true. */
  readonly warning: boolean;
}

/** One live market: configuration, order book, tape and the history before it. */
export class Market {
  readonly quoteCurrency: string;
  readonly baseCurrency: string;
  readonly book = new OrderBook();
  readonly tape: MarketTape;
  /** The served past before the live tape (none in replay mode). */
  history: MarketHistory | undefined;

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
