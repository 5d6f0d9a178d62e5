import { Dec, VOLUME_DECIMALS } from '@trader/domain';
import { ExchangeRejectedError } from '../ports/exchange-gateway.errors';
import { AccountBalance, ExchangeOrder, OrderFill, OrderRequest, OrderUpdate } from '../ports/exchange-gateway.types';
import { enforceUpbitOrderTerms, UsedIdentifiers } from './upbit-order-rules';

const ZERO = new Dec(0);

interface Wallet {
  balance: Dec;
  locked: Dec;
}

/** An order an in-memory exchange holds: what Upbit keeps of it, and what it still has locked. */
export interface BookOrder {
  readonly request: OrderRequest;
  readonly uuid: string;
  readonly createdAt: number;
  readonly quote: string;
  readonly base: string;
  readonly feeRate: Dec;
  state: ExchangeOrder['state'];
  /** Base volume left to trade (limit and market sell orders). */
  remainingVolume: Dec;
  /** Quote funds left to spend (market buys). */
  remainingFunds: Dec;
  executedVolume: Dec;
  executedFunds: Dec;
  paidFee: Dec;
  locked: Dec;
  fills: OrderFill[];
}

export interface AdmitOptions {
  readonly feeRate: Dec;
  /** What a market sell of `volume` is worth in the quote currency (its total, for the minimum). */
  readonly marketSellValue: (volume: Dec) => Dec;
  readonly uuid: () => string;
  readonly now: number;
  /** False only checks the order (orders/test): the identifier is not used up and nothing is locked. */
  readonly lock: boolean;
}

/**
 * The accounts side of an in-memory Upbit: balances and what orders lock, admission by Upbit's rules
 * (identifier used once, terms, funds locked with the fee on submit), fills and closes with their
 * bookkeeping, and the views Upbit answers with. The paper exchange of the tests and the backtest's
 * exchange share it and differ only in how an order finds its prices.
 */
export class UpbitAccountBook {
  private readonly wallets = new Map<string, Wallet>();
  private readonly identifiers = new UsedIdentifiers();

  constructor(balances: Readonly<Record<string, string>>) {
    for (const [currency, amount] of Object.entries(balances)) this.wallet(currency).balance = new Dec(amount);
  }

  /** Validates and locks funds as Upbit does on submit. */
  admit(request: OrderRequest, options: AdmitOptions): BookOrder {
    if (options.lock) this.identifiers.claim(request.identifier);
    else this.identifiers.check(request.identifier);
    const [quote, base] = splitMarket(request.market);
    const spendsFunds = request.side === 'bid' && request.ordType !== 'limit';
    const volume = spendsFunds ? ZERO : (request.volume ?? ZERO);
    const funds = spendsFunds ? (request.price ?? ZERO) : ZERO;
    if ((!spendsFunds && volume.lte(0)) || (spendsFunds && funds.lte(0)) || (request.ordType === 'limit' && !(request.price?.gt(0) ?? false))) {
      throw new ExchangeRejectedError('invalid_order', 'validation_error', 'volume, price or funds missing or not positive', 400);
    }
    const total = spendsFunds ? funds : request.ordType === 'limit' ? volume.mul(request.price as Dec) : options.marketSellValue(volume);
    enforceUpbitOrderTerms(request, total);
    const lockCurrency = request.side === 'bid' ? quote : base;
    const locked = request.side === 'bid' ? total.mul(options.feeRate.plus(1)) : volume;
    const wallet = this.wallet(lockCurrency);
    if (wallet.balance.lt(locked)) {
      const name = request.side === 'bid' ? 'insufficient_funds_bid' : 'insufficient_funds_ask';
      throw new ExchangeRejectedError('insufficient_funds', name, `needs ${locked.toFixed()} ${lockCurrency}, has ${wallet.balance.toFixed()}`, 400);
    }
    if (options.lock) {
      wallet.balance = wallet.balance.minus(locked);
      wallet.locked = wallet.locked.plus(locked);
    }
    return {
      request,
      uuid: options.uuid(),
      createdAt: options.now,
      quote,
      base,
      feeRate: options.feeRate,
      state: 'wait',
      remainingVolume: volume,
      remainingFunds: funds,
      executedVolume: ZERO,
      executedFunds: ZERO,
      paidFee: ZERO,
      locked,
      fills: [],
    };
  }

  /** One trade of `order`: balances move, the fee is paid in the quote currency. */
  fill(order: BookOrder, price: Dec, volume: Dec, tradeUuid: string, at: number): void {
    const funds = price.mul(volume);
    const fee = funds.mul(order.feeRate);
    const quote = this.wallet(order.quote);
    const base = this.wallet(order.base);
    if (order.request.side === 'bid') {
      quote.locked = quote.locked.minus(funds.plus(fee));
      order.locked = order.locked.minus(funds.plus(fee));
      base.balance = base.balance.plus(volume);
    } else {
      base.locked = base.locked.minus(volume);
      order.locked = order.locked.minus(volume);
      quote.balance = quote.balance.plus(funds.minus(fee));
    }
    order.remainingVolume = Dec.max(ZERO, order.remainingVolume.minus(volume));
    order.remainingFunds = order.remainingFunds.minus(funds);
    order.executedVolume = order.executedVolume.plus(volume);
    order.executedFunds = order.executedFunds.plus(funds);
    order.paidFee = order.paidFee.plus(fee);
    order.fills.push({ uuid: tradeUuid, market: order.request.market, side: order.request.side, price, volume, funds, createdAt: at });
  }

  /** What a market buy's remaining funds buy at `price`, down to the 8th volume decimal. */
  static volumeFor(order: BookOrder, price: Dec): Dec {
    return order.remainingFunds.div(price).toDecimalPlaces(VOLUME_DECIMALS, Dec.ROUND_DOWN);
  }

  /** Ends an order and returns what it still had locked. */
  close(order: BookOrder, state: 'done' | 'cancel'): void {
    const wallet = this.wallet(order.request.side === 'bid' ? order.quote : order.base);
    wallet.locked = wallet.locked.minus(order.locked);
    wallet.balance = wallet.balance.plus(order.locked);
    order.locked = ZERO;
    order.state = state;
  }

  view(order: BookOrder, withFills: boolean): ExchangeOrder {
    const { request } = order;
    return {
      uuid: order.uuid,
      identifier: request.identifier,
      market: request.market,
      side: request.side,
      ordType: request.ordType,
      state: order.state,
      ...(request.price ? { price: request.price } : {}),
      ...(request.volume ? { volume: request.volume } : {}),
      remainingVolume: order.remainingVolume,
      executedVolume: order.executedVolume,
      reservedFee: ZERO,
      remainingFee: ZERO,
      paidFee: order.paidFee,
      locked: order.locked,
      executedFunds: order.executedFunds,
      tradesCount: order.fills.length,
      ...(request.timeInForce ? { timeInForce: request.timeInForce } : {}),
      createdAt: order.createdAt,
      fills: withFills ? [...order.fills] : [],
    };
  }

  /** The private-stream update Upbit pushes for a change of `order` (a trade carries the last fill). */
  update(order: BookOrder, state: 'trade' | 'done' | 'cancel', now: number, isMaker: boolean): OrderUpdate {
    const { request } = order;
    const fill = order.fills.at(-1);
    return {
      kind: 'order-update',
      market: request.market,
      uuid: order.uuid,
      identifier: request.identifier,
      side: request.side,
      ordType: request.ordType,
      state,
      executedVolume: order.executedVolume,
      executedFunds: order.executedFunds,
      tradesCount: order.fills.length,
      paidFee: order.paidFee,
      orderTimestamp: order.createdAt,
      timestamp: now,
      ...(state === 'trade' && fill ? { tradeUuid: fill.uuid, price: fill.price, volume: fill.volume, tradeFee: fill.funds.mul(order.feeRate), isMaker, tradeTimestamp: fill.createdAt } : {}),
    };
  }

  accounts(): AccountBalance[] {
    return [...this.wallets].map(([currency]) => this.account(currency));
  }

  account(currency: string): AccountBalance {
    const wallet = this.wallet(currency);
    return { currency, balance: wallet.balance, locked: wallet.locked, avgBuyPrice: ZERO, avgBuyPriceModified: false, unitCurrency: 'KRW' };
  }

  /** A currency's balance not locked by open orders (what a new buy may spend). */
  available(currency: string): Dec {
    return this.wallets.get(currency)?.balance ?? ZERO;
  }

  /** A currency's balance including what open orders lock (the account's value in it). */
  total(currency: string): Dec {
    const wallet = this.wallets.get(currency);
    return wallet ? wallet.balance.plus(wallet.locked) : ZERO;
  }

  private wallet(currency: string): Wallet {
    let wallet = this.wallets.get(currency);
    if (!wallet) {
      wallet = { balance: ZERO, locked: ZERO };
      this.wallets.set(currency, wallet);
    }
    return wallet;
  }
}

/** `QUOTE-BASE`, refused as Upbit refuses a market it does not know. */
export function splitMarket(market: string): [string, string] {
  const [quote, base] = market.split('-');
  if (!quote || !base) throw new ExchangeRejectedError('invalid_order', 'validation_error', `market ${market} is not QUOTE-BASE`, 400);
  return [quote, base];
}
