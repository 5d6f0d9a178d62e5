import { Exchange, SYNTHETIC_OWNER_PREFIX } from '../engine/exchange';
import { MarketSource } from '../engine/market-driver';
import { Side } from '../engine/order-book';
import { ReplayFrame } from './replay-file';

export const REPLAY_MAKER = `${SYNTHETIC_OWNER_PREFIX}replay-maker`;
export const REPLAY_TAKER = `${SYNTHETIC_OWNER_PREFIX}replay-taker`;

/**
 * Plays recorded frames instead of the synthetic path. A recorded order book becomes the resting
 * liquidity (replacing the previous one, and so filling resting user orders it crosses); a recorded
 * trade is re-executed against the book at its price and volume, topped up by the recorder's
 * liquidity where the book falls short, so every recorded print appears. Frame times are shifted so
 * the first frame plays at `startMs`, scaled by `speed`.
 */
export class ReplaySource implements MarketSource {
  private next = 0;

  constructor(
    private readonly exchange: Exchange,
    private readonly frames: readonly ReplayFrame[],
    private readonly startMs: number,
    private readonly speed: number,
  ) {}

  /** Frames not yet played. */
  remaining(): number {
    return this.frames.length - this.next;
  }

  advance(_fromMs: number, toMs: number): void {
    const origin = this.frames[0]?.at ?? 0;
    while (this.next < this.frames.length) {
      const frame = this.frames[this.next];
      if (this.startMs + (frame.at - origin) / this.speed > toMs) break;
      this.next++;
      this.play(frame);
    }
  }

  private play(frame: ReplayFrame): void {
    const market = this.exchange.market(frame.code);
    if (market === undefined) return;
    if (frame.kind === 'orderbook') {
      this.exchange.withdrawSynthetic(market, REPLAY_MAKER);
      for (const ask of frame.asks) if (ask.size.gt(0)) this.exchange.quoteSynthetic(market, REPLAY_MAKER, 'ask', ask.price, ask.size);
      for (const bid of frame.bids) if (bid.size.gt(0)) this.exchange.quoteSynthetic(market, REPLAY_MAKER, 'bid', bid.price, bid.size);
      return;
    }
    const side: Side = frame.askBid === 'BID' ? 'bid' : 'ask';
    const printed = this.exchange.takeSynthetic(market, REPLAY_TAKER, side, frame.volume, frame.price);
    const shortfall = frame.volume.minus(printed);
    if (shortfall.gt(0)) {
      this.exchange.quoteSynthetic(market, REPLAY_MAKER, side === 'bid' ? 'ask' : 'bid', frame.price, shortfall);
      this.exchange.takeSynthetic(market, REPLAY_TAKER, side, shortfall, frame.price);
    }
  }
}
