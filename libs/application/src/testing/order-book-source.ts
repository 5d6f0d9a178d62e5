import { OrderBookSnapshot } from '../ports/market-data-feed.types';

/** The latest order book of each market, kept current from the market data feed. */
export interface OrderBookSource {
  latest(market: string): OrderBookSnapshot | undefined;
}
