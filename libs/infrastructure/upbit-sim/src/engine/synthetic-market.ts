import { Dec, VOLUME_DECIMALS } from './decimal';
import { Exchange, SYNTHETIC_OWNER_PREFIX } from './exchange';
import { Market } from './market';
import { MarketSource } from './market-driver';
import { Side } from './order-book';
import { LiveStart } from '../history/market-history';
import { PathHistory, PricePath } from './price-path';
import { SeededRandom } from './prng';
import { ceilToTick, floorToTick, tickAbove, tickBelow, tickSize } from './tick-size';

export interface SyntheticMarketOptions {
  /** Price levels quoted on each side (Upbit shows 30). */
  readonly levels: number;
  /** Half the quoted spread as a fraction of the price path (at least one tick). */
  readonly halfSpreadRate: number;
  /** Upper bound of noise trades per tick (drawn uniformly from 0..max). */
  readonly maxNoiseTradesPerTick: number;
}

export const MARKET_MAKER = `${SYNTHETIC_OWNER_PREFIX}market-maker`;
export const NOISE_TRADER = `${SYNTHETIC_OWNER_PREFIX}noise-trader`;

/**
 * The synthetic side of one market: a market maker that re-quotes a ladder of limit orders around
 * the live price path every tick (crossing, and so filling, any resting order the path moves
 * through), and noise traders who take liquidity with small market orders. Every print comes out of
 * the same book users trade against. The path continues the history from `start`.
 */
export class SyntheticMarket implements MarketSource {
  readonly path: PricePath;

  constructor(
    private readonly market: Market,
    private readonly exchange: Exchange,
    private readonly random: SeededRandom,
    private readonly options: SyntheticMarketOptions,
    path: { readonly history: PathHistory; readonly start: LiveStart; readonly minuteStream: (modelMinute: number) => SeededRandom; readonly ticks: SeededRandom },
  ) {
    this.path = new PricePath(path.history, path.start, path.minuteStream, path.ticks);
  }

  advance(fromMs: number, toMs: number): void {
    if (toMs <= fromMs) return;
    const mid = this.path.advanceTo(toMs);
    this.requote(mid);
    // The market opens with a trade, so tickers exist from the first request.
    const trades = Math.max(this.market.tape.lastTrade() === undefined ? 1 : 0, this.random.int(0, this.options.maxNoiseTradesPerTick));
    const levelSize = this.levelSize(mid);
    for (let i = 0; i < trades; i++) {
      const side: Side = this.random.next() < 0.5 ? 'bid' : 'ask';
      this.exchange.takeSynthetic(this.market, NOISE_TRADER, side, this.volume(levelSize * (0.2 + 1.3 * this.random.next())), undefined);
    }
  }

  /** Replaces the maker's ladder: bestBid/bestAsk straddle `mid` by the half spread, one tick apart. */
  requote(mid: Dec): void {
    const quote = this.market.quoteCurrency;
    const half = Dec.max(mid.times(this.options.halfSpreadRate), tickSize(quote, mid));
    let bid = floorToTick(quote, mid.minus(half));
    let ask = ceilToTick(quote, mid.plus(half));
    if (bid.lte(0)) bid = tickSize(quote, mid);
    if (ask.lte(bid)) ask = tickAbove(quote, bid);
    this.exchange.withdrawSynthetic(this.market, MARKET_MAKER);
    const levelSize = this.levelSize(mid);
    for (let level = 0; level < this.options.levels; level++) {
      this.exchange.quoteSynthetic(this.market, MARKET_MAKER, 'ask', ask, this.volume(levelSize * (0.5 + this.random.next())));
      if (bid.gt(0)) this.exchange.quoteSynthetic(this.market, MARKET_MAKER, 'bid', bid, this.volume(levelSize * (0.5 + this.random.next())));
      ask = tickAbove(quote, ask);
      bid = tickBelow(quote, bid);
    }
  }

  /**
   * Average base volume per level. Sizes are model noise, so they are drawn in floating point and
   * only then fixed to an exact 8-decimal volume.
   */
  private levelSize(mid: Dec): number {
    return Number(this.market.config.levelNotional.toFixed()) / Number(mid.toFixed());
  }

  /** A size in base units cut to 8 decimals (at least 1e-8), built from an integer count of 1e-8 units. */
  private volume(size: number): Dec {
    const units = Math.max(1, Math.floor(size * 10 ** VOLUME_DECIMALS));
    return new Dec(`${units}e-${VOLUME_DECIMALS}`);
  }
}
