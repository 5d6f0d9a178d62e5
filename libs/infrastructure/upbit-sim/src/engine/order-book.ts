import { Dec } from './decimal';

export type Side = 'bid' | 'ask';

/** A resting limit order in the book. `remaining` shrinks as it fills. */
export interface BookOrder {
  readonly orderId: string;
  readonly ownerId: string;
  readonly side: Side;
  readonly price: Dec;
  remaining: Dec;
  readonly seq: number;
}

export interface PriceLevel {
  readonly price: Dec;
  readonly orders: BookOrder[];
}

export interface AggregatedLevel {
  readonly price: Dec;
  readonly size: Dec;
}

/**
 * One market's book with price-time priority: bids sorted high to low, asks low to high, and FIFO
 * within a price level.
 */
export class OrderBook {
  readonly bids: PriceLevel[] = [];
  readonly asks: PriceLevel[] = [];
  private readonly byId = new Map<string, BookOrder>();

  add(order: BookOrder): void {
    const levels = this.side(order.side);
    const direction = order.side === 'bid' ? -1 : 1;
    // Binary search for the first level not better than the order's price.
    let lo = 0;
    let hi = levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (levels[mid].price.cmp(order.price) * direction < 0) lo = mid + 1;
      else hi = mid;
    }
    const index = lo;
    const level = levels[index];
    if (level !== undefined && level.price.eq(order.price)) level.orders.push(order);
    else levels.splice(index, 0, { price: order.price, orders: [order] });
    this.byId.set(order.orderId, order);
  }

  remove(orderId: string): BookOrder | undefined {
    const order = this.byId.get(orderId);
    if (order === undefined) return undefined;
    this.byId.delete(orderId);
    const levels = this.side(order.side);
    const index = levels.findIndex((l) => l.price.eq(order.price));
    const level = levels[index];
    level.orders.splice(level.orders.indexOf(order), 1);
    if (level.orders.length === 0) levels.splice(index, 1);
    return order;
  }

  /** Removes every order of an owner (the market maker re-quoting). */
  removeOwner(ownerId: string): void {
    for (const levels of [this.bids, this.asks]) {
      for (let i = levels.length - 1; i >= 0; i--) {
        const level = levels[i];
        for (const order of level.orders.filter((o) => o.ownerId === ownerId)) this.byId.delete(order.orderId);
        const kept = level.orders.filter((o) => o.ownerId !== ownerId);
        if (kept.length === 0) levels.splice(i, 1);
        else level.orders.splice(0, level.orders.length, ...kept);
      }
    }
  }

  side(side: Side): PriceLevel[] {
    return side === 'bid' ? this.bids : this.asks;
  }

  /** The top `count` levels of a side with their summed sizes. */
  top(side: Side, count: number): AggregatedLevel[] {
    return this.side(side)
      .slice(0, count)
      .map((level) => ({ price: level.price, size: level.orders.reduce((sum, o) => sum.plus(o.remaining), new Dec(0)) }));
  }

  best(side: Side): Dec | undefined {
    return this.side(side)[0]?.price;
  }
}
