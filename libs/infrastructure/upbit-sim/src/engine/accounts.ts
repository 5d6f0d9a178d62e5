import { Dec, ZERO } from './decimal';

/** One currency of an account: available balance, amount locked by open orders, average buy price. */
export interface Holding {
  readonly currency: string;
  balance: Dec;
  locked: Dec;
  avgBuyPrice: Dec;
}

export interface AccountOptions {
  readonly accessKey: string;
  readonly secretKey: string;
  /**
   * More API key pairs of the same account, as Upbit lets an account issue several: every key sees
   * and trades the same balances and orders. The request log tells the keys apart, so a test can
   * say which client sent an order.
   */
  readonly extraKeys?: ReadonlyArray<{ readonly accessKey: string; readonly secretKey: string }>;
  /** Starting balances by currency, e.g. `{ KRW: '10000000', BTC: '0.5' }`. */
  readonly balances: Readonly<Record<string, string>>;
}

/** A simulated Upbit account (one API key pair). */
export class Account {
  readonly holdings = new Map<string, Holding>();
  readonly identifiers = new Set<string>();

  constructor(
    readonly id: string,
    readonly accessKey: string,
    readonly secretKey: string,
    balances: Readonly<Record<string, string>>,
  ) {
    for (const [currency, amount] of Object.entries(balances)) this.holding(currency).balance = new Dec(amount);
  }

  holding(currency: string): Holding {
    let holding = this.holdings.get(currency);
    if (holding === undefined) {
      holding = { currency, balance: ZERO, locked: ZERO, avgBuyPrice: ZERO };
      this.holdings.set(currency, holding);
    }
    return holding;
  }

  lock(currency: string, amount: Dec): void {
    const holding = this.holding(currency);
    holding.balance = holding.balance.minus(amount);
    holding.locked = holding.locked.plus(amount);
  }

  /** Gives locked funds back to the available balance. */
  unlock(currency: string, amount: Dec): void {
    const holding = this.holding(currency);
    holding.locked = holding.locked.minus(amount);
    holding.balance = holding.balance.plus(amount);
  }

  /** Removes funds from the locked part (they were spent). */
  spendLocked(currency: string, amount: Dec): void {
    const holding = this.holding(currency);
    holding.locked = holding.locked.minus(amount);
  }

  credit(currency: string, amount: Dec): void {
    const holding = this.holding(currency);
    holding.balance = holding.balance.plus(amount);
  }

  /** Adds bought volume, moving the average buy price (fees excluded, as Upbit shows it). */
  creditPurchase(currency: string, volume: Dec, price: Dec): void {
    const holding = this.holding(currency);
    const held = holding.balance.plus(holding.locked);
    holding.avgBuyPrice = holding.avgBuyPrice
      .times(held)
      .plus(price.times(volume))
      .div(held.plus(volume))
      .toDecimalPlaces(8, Dec.ROUND_HALF_UP);
    holding.balance = holding.balance.plus(volume);
  }

  /** After a sale, an emptied holding forgets its average price. */
  settleSale(currency: string): void {
    const holding = this.holding(currency);
    if (holding.balance.plus(holding.locked).isZero()) holding.avgBuyPrice = ZERO;
  }
}
