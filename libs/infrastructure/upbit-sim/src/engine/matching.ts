import { Dec, VOLUME_DECIMALS, ZERO } from './decimal';
import { BookOrder, OrderBook, Side } from './order-book';

export type SmpType = 'cancel_maker' | 'cancel_taker' | 'reduce';

/** What a taker wants: a volume (limit, market sell) or a quote budget (market buy by total). */
export interface TakerIntent {
  readonly side: Side;
  readonly ownerId: string;
  /** Worst acceptable price; undefined = no limit (market orders). */
  readonly limitPrice: Dec | undefined;
  readonly volume: Dec | undefined;
  readonly funds: Dec | undefined;
  readonly smpType: SmpType | undefined;
}

export interface Fill {
  readonly maker: BookOrder;
  readonly price: Dec;
  readonly volume: Dec;
}

/** Self-match prevention outcome for one resting order (cancelled or reduced by `volume`). */
export interface MakerPrevention {
  readonly maker: BookOrder;
  readonly volume: Dec;
}

export interface MatchResult {
  readonly fills: Fill[];
  readonly makerPreventions: MakerPrevention[];
  /** Taker volume removed by self-match prevention (`reduce`), at the price where it happened. */
  readonly takerPreventions: Array<{ readonly price: Dec; readonly volume: Dec }>;
  /** True when `cancel_taker` stopped the taker. */
  readonly takerCancelledBySmp: boolean;
}

function crosses(side: Side, limit: Dec | undefined, makerPrice: Dec): boolean {
  if (limit === undefined) return true;
  return side === 'bid' ? makerPrice.lte(limit) : makerPrice.gte(limit);
}

function opposite(side: Side): Side {
  return side === 'bid' ? 'ask' : 'bid';
}

/** Volume a quote budget buys at a price, cut to Upbit's 8 decimal places. */
export function volumeForFunds(funds: Dec, price: Dec): Dec {
  return funds.div(price).toDecimalPlaces(VOLUME_DECIMALS, Dec.ROUND_DOWN);
}

/**
 * How much of the intent the book could fill right now, without changing it (for FOK and the
 * market-order depth rule). Own orders count only when no self-match prevention is asked for.
 */
export function fillableVolume(book: OrderBook, intent: TakerIntent): { volume: Dec; funds: Dec } {
  let volume = ZERO;
  let funds = ZERO;
  let budget = intent.funds;
  let wanted = intent.volume;
  for (const level of book.side(opposite(intent.side))) {
    if (!crosses(intent.side, intent.limitPrice, level.price)) break;
    for (const maker of level.orders) {
      if (intent.smpType !== undefined && maker.ownerId === intent.ownerId) continue;
      let take = maker.remaining;
      if (wanted !== undefined) take = Dec.min(take, wanted);
      if (budget !== undefined) take = Dec.min(take, volumeForFunds(budget, level.price));
      if (take.lte(0)) return { volume, funds };
      volume = volume.plus(take);
      funds = funds.plus(take.times(level.price));
      if (wanted !== undefined) wanted = wanted.minus(take);
      if (budget !== undefined) budget = budget.minus(take.times(level.price));
    }
  }
  return { volume, funds };
}

/**
 * Matches a taker against the opposite side in price-time priority, trading at each maker's price,
 * and removes what it consumed from the book. The caller books the money.
 */
export function matchTaker(book: OrderBook, intent: TakerIntent): MatchResult {
  const fills: Fill[] = [];
  const makerPreventions: MakerPrevention[] = [];
  const takerPreventions: Array<{ price: Dec; volume: Dec }> = [];
  let wanted = intent.volume;
  let budget = intent.funds;
  const levels = book.side(opposite(intent.side));
  while (levels.length > 0) {
    const level = levels[0];
    if (!crosses(intent.side, intent.limitPrice, level.price)) break;
    const maker = level.orders[0];
    let take = maker.remaining;
    if (wanted !== undefined) take = Dec.min(take, wanted);
    if (budget !== undefined) take = Dec.min(take, volumeForFunds(budget, level.price));
    if (take.lte(0)) break;
    if (intent.smpType !== undefined && maker.ownerId === intent.ownerId) {
      if (intent.smpType === 'cancel_taker') {
        return { fills, makerPreventions, takerPreventions, takerCancelledBySmp: true };
      }
      if (intent.smpType === 'cancel_maker') {
        makerPreventions.push({ maker, volume: maker.remaining });
        book.remove(maker.orderId);
        continue;
      }
      makerPreventions.push({ maker, volume: take });
      takerPreventions.push({ price: level.price, volume: take });
      if (wanted !== undefined) wanted = wanted.minus(take);
      if (budget !== undefined) budget = budget.minus(take.times(level.price));
      maker.remaining = maker.remaining.minus(take);
      if (maker.remaining.isZero()) book.remove(maker.orderId);
      continue;
    }
    fills.push({ maker, price: level.price, volume: take });
    maker.remaining = maker.remaining.minus(take);
    if (maker.remaining.isZero()) book.remove(maker.orderId);
    if (wanted !== undefined) wanted = wanted.minus(take);
    if (budget !== undefined) budget = budget.minus(take.times(level.price));
  }
  return { fills, makerPreventions, takerPreventions, takerCancelledBySmp: false };
}
