import { SimClock } from '../clock/sim-clock';
import { TradeRecord } from '../market-data/market-tape';
import { Account, AccountOptions, Holding } from './accounts';
import { Dec, ZERO } from './decimal';
import { ExchangeListener, MyOrderState } from './exchange-listener';
import { Market, MarketConfig } from './market';
import { MatchResult, TakerIntent, fillableVolume, matchTaker, volumeForFunds } from './matching';
import { Side } from './order-book';
import { OrderRequest, parseOrderRequest } from './order-request';
import { SeededRandom } from './prng';
import { SimOrder, isFullyExecuted, isFundsBased, lockCurrency, lockReleasedByFill, openOrder } from './sim-order';
import { UpbitApiError, orderNotFound } from './upbit-api-error';
import { UPBIT_RULES } from './upbit-rules';

export interface ExchangeOptions {
  readonly markets: readonly MarketConfig[];
  readonly accounts: readonly AccountOptions[];
  readonly clock: Pick<SimClock, 'now'>;
  readonly ids: SeededRandom;
  readonly tradeRetention: number;
  readonly candleRetention: number;
}

export interface OrderLookup {
  readonly uuid?: string;
  readonly identifier?: string;
}

/** Owner id of synthetic liquidity and flow; such orders touch no account. */
export const SYNTHETIC_OWNER_PREFIX = 'synthetic:';

const NO_LISTENER: ExchangeListener = {
  onTrade: () => undefined,
  onOrderBookChanged: () => undefined,
  onMyOrder: () => undefined,
  onMyAsset: () => undefined,
};

function snapshot(order: SimOrder): SimOrder {
  return { ...order, trades: [...order.trades] };
}

/**
 * The matching venue: markets with their books, accounts with exact balances, and every order ever
 * accepted. All state changes go through here, synchronously, so trades, books, tickers and candles
 * stay consistent with each other.
 */
export class Exchange {
  readonly markets = new Map<string, Market>();
  private readonly accounts = new Map<string, Account>();
  private readonly accountsByKey = new Map<string, Account>();
  private readonly secretsByKey = new Map<string, string>();
  private readonly orders = new Map<string, SimOrder>();
  private readonly ordersByAccount = new Map<string, SimOrder[]>();
  private readonly marketCodes: ReadonlySet<string>;
  private readonly ordersByIdentifier = new Map<string, SimOrder>();
  private readonly dirtyBooks = new Set<string>();
  private readonly changedHoldings = new Map<string, Set<string>>();
  private listener: ExchangeListener = NO_LISTENER;
  private sequence = 0;
  private timeOverride: number | undefined;

  constructor(private readonly options: ExchangeOptions) {
    for (const config of options.markets) {
      this.markets.set(config.market, new Market(config, options.tradeRetention, options.candleRetention));
    }
    this.marketCodes = new Set(this.markets.keys());
    options.accounts.forEach((a, index) => this.addAccount(`account-${index + 1}`, a));
  }

  /** Exchange time; the warm-up runs the market over past timestamps through {@link setTimeOverride}. */
  now(): number {
    return this.timeOverride ?? this.options.clock.now();
  }

  setTimeOverride(ms: number | undefined): void {
    this.timeOverride = ms;
  }

  setListener(listener: ExchangeListener): void {
    this.listener = listener;
  }

  addAccount(id: string, options: AccountOptions): Account {
    const account = new Account(id, options.accessKey, options.secretKey, options.balances);
    this.accounts.set(id, account);
    for (const key of [{ accessKey: options.accessKey, secretKey: options.secretKey }, ...(options.extraKeys ?? [])]) {
      this.accountsByKey.set(key.accessKey, account);
      this.secretsByKey.set(key.accessKey, key.secretKey);
    }
    return account;
  }

  accountByAccessKey(accessKey: string): Account | undefined {
    return this.accountsByKey.get(accessKey);
  }

  /** The secret key of an access key (any of an account's key pairs), to verify its tokens. */
  secretFor(accessKey: string): string | undefined {
    return this.secretsByKey.get(accessKey);
  }

  account(accountId: string): Account {
    const account = this.accounts.get(accountId);
    if (account === undefined) throw new UpbitApiError(401, 'invalid_access_key', '잘못된 엑세스 키입니다.', accountId);
    return account;
  }

  market(code: string): Market | undefined {
    return this.markets.get(code);
  }

  feeRate(quoteCurrency: string): Dec {
    return new Dec(UPBIT_RULES.feeRate[quoteCurrency] ?? '0.0025');
  }

  /** POST /orders (or /orders/test with `dryRun`): validates, locks funds, matches. Returns the order as accepted. */
  placeOrder(accountId: string, params: Record<string, unknown>, dryRun = false): SimOrder {
    const account = this.account(accountId);
    const identifier = params['identifier'];
    if (typeof identifier === 'string' && identifier !== '') {
      if (account.identifiers.has(identifier)) {
        throw new UpbitApiError(400, UPBIT_RULES.errorNames.duplicateIdentifier, 'identifier is already used', identifier);
      }
      // Upbit: an identifier can never be used again, even when the request that carried it failed.
      if (!dryRun) account.identifiers.add(identifier);
    }
    const request = parseOrderRequest(params, this.marketCodes);
    return this.submit(account, request, dryRun);
  }

  /** DELETE /order: cancels a waiting order; returns it as it was when the cancel was requested. */
  cancelOrder(accountId: string, lookup: OrderLookup): SimOrder {
    const order = this.findOrder(accountId, lookup);
    if (order.state !== 'wait') throw orderNotFound(lookup.uuid ?? lookup.identifier ?? '');
    const before = snapshot(order);
    this.markets.get(order.market)?.book.remove(order.uuid);
    this.dirtyBooks.add(order.market);
    this.finish(order, 'cancel');
    this.flush();
    return before;
  }

  /** POST /orders/cancel_and_new: cancels `prev`, then places a new order on the same market and side. */
  cancelAndNew(accountId: string, params: Record<string, unknown>): { cancelled: SimOrder; created: SimOrder } {
    const lookup = {
      uuid: typeof params['prev_order_uuid'] === 'string' ? params['prev_order_uuid'] : undefined,
      identifier: typeof params['prev_order_identifier'] === 'string' ? params['prev_order_identifier'] : undefined,
    };
    if (lookup.uuid === undefined && lookup.identifier === undefined) {
      throw new UpbitApiError(400, 'validation_error', 'prev_order_uuid or prev_order_identifier is required', params);
    }
    const previous = this.findOrder(accountId, lookup);
    const newVolume = params['new_volume'] === 'remain_only' ? previous.remainingVolume?.toFixed() : params['new_volume'];
    const next: Record<string, unknown> = {
      market: previous.market,
      side: previous.side,
      ord_type: params['new_ord_type'],
      price: params['new_price'],
      volume: newVolume,
      identifier: params['new_identifier'],
      time_in_force: params['new_time_in_force'],
      smp_type: params['new_smp_type'],
    };
    parseOrderRequest(next, this.marketCodes);
    const newIdentifier = next['identifier'];
    if (typeof newIdentifier === 'string' && this.account(accountId).identifiers.has(newIdentifier)) {
      throw new UpbitApiError(400, UPBIT_RULES.errorNames.duplicateIdentifier, 'identifier is already used', newIdentifier);
    }
    const cancelled = this.cancelOrder(accountId, lookup);
    const created = this.placeOrder(accountId, next);
    return { cancelled, created };
  }

  getOrder(accountId: string, lookup: OrderLookup): SimOrder {
    return snapshot(this.findOrder(accountId, lookup));
  }

  /** Every order of an account, oldest first. */
  ordersOf(accountId: string): readonly SimOrder[] {
    return this.ordersByAccount.get(accountId) ?? [];
  }

  /** The order of this account with this uuid or identifier, if any. */
  tryFindOrder(accountId: string, lookup: OrderLookup): SimOrder | undefined {
    const order =
      lookup.uuid !== undefined
        ? this.orders.get(lookup.uuid)
        : lookup.identifier !== undefined
          ? this.ordersByIdentifier.get(`${accountId}\u0000${lookup.identifier}`)
          : undefined;
    return order !== undefined && order.accountId === accountId ? order : undefined;
  }

  holdings(accountId: string): Holding[] {
    return [...this.account(accountId).holdings.values()];
  }

  // --- synthetic liquidity and flow (market maker, noise traders, replay) ---

  /** Removes every order of a synthetic owner in a market. */
  withdrawSynthetic(market: Market, ownerId: string): void {
    market.book.removeOwner(ownerId);
    this.dirtyBooks.add(market.code);
  }

  /** A synthetic limit order: trades with whatever it crosses, the rest rests in the book. */
  quoteSynthetic(market: Market, ownerId: string, side: Side, price: Dec, volume: Dec): void {
    const bestOpposite = market.book.best(side === 'bid' ? 'ask' : 'bid');
    const crosses = bestOpposite !== undefined && (side === 'bid' ? price.gte(bestOpposite) : price.lte(bestOpposite));
    let remaining = volume;
    if (crosses) {
      const result = this.match(market, { side, ownerId, limitPrice: price, volume, funds: undefined, smpType: undefined }, undefined);
      remaining = volume.minus(result.fills.reduce((sum, f) => sum.plus(f.volume), ZERO));
    }
    if (remaining.gt(0)) {
      market.book.add({ orderId: `${ownerId}#${this.sequence}`, ownerId, side, price, remaining, seq: this.sequence++ });
    }
    this.dirtyBooks.add(market.code);
  }

  /** A synthetic taker (immediate-or-cancel) of `volume`, limited at `limitPrice` if given. Returns the volume filled. */
  takeSynthetic(market: Market, ownerId: string, side: Side, volume: Dec, limitPrice: Dec | undefined): Dec {
    const result = this.match(market, { side, ownerId, limitPrice, volume, funds: undefined, smpType: undefined }, undefined);
    this.dirtyBooks.add(market.code);
    return result.fills.reduce((sum, f) => sum.plus(f.volume), ZERO);
  }

  /** Reports changed books and balances to the listener. */
  flush(): void {
    for (const code of this.dirtyBooks) this.listener.onOrderBookChanged(code);
    this.dirtyBooks.clear();
    const now = this.now();
    for (const [accountId, currencies] of this.changedHoldings) {
      const account = this.account(accountId);
      this.listener.onMyAsset(accountId, [...currencies].map((c) => account.holding(c)), now);
    }
    this.changedHoldings.clear();
  }

  // --- internals ---

  private findOrder(accountId: string, lookup: OrderLookup): SimOrder {
    if (lookup.uuid === undefined && lookup.identifier === undefined) {
      throw new UpbitApiError(400, 'validation_error', 'uuid or identifier is required', lookup);
    }
    const order = this.tryFindOrder(accountId, lookup);
    if (order === undefined) throw orderNotFound(lookup.uuid ?? lookup.identifier ?? '');
    return order;
  }

  private submit(account: Account, request: OrderRequest, dryRun: boolean): SimOrder {
    const market = this.markets.get(request.market) as Market;
    const { side, ordType } = request;
    const bestOpposite = market.book.best(side === 'bid' ? 'ask' : 'bid');
    if (ordType === 'best' && bestOpposite === undefined) {
      throw new UpbitApiError(400, `create_${side}_error`, '주문가능한 호가가 없습니다.', request.market);
    }
    if (side === 'ask' && ordType !== 'limit') {
      const minTotal = new Dec(UPBIT_RULES.minOrderTotal[market.quoteCurrency] ?? '0');
      const estimate = (request.volume as Dec).times(bestOpposite ?? ZERO);
      if (estimate.lt(minTotal)) {
        throw new UpbitApiError(400, 'under_min_total_ask', `최소주문금액 이상으로 주문해주세요. (${minTotal.toFixed()} ${market.quoteCurrency})`, estimate.toFixed());
      }
    }
    if (ordType === 'price' || ordType === 'market') this.checkVisibleDepth(market, request);
    const order = openOrder({
      uuid: this.options.ids.uuid(),
      accountId: account.id,
      market: request.market,
      side,
      ordType,
      price: request.price,
      volume: request.volume,
      timeInForce: request.timeInForce,
      smpType: request.smpType,
      identifier: request.identifier,
      createdAt: this.now(),
      feeRate: this.feeRate(market.quoteCurrency),
    });
    const currency = lockCurrency(order);
    if (order.locked.gt(account.holding(currency).balance)) {
      throw new UpbitApiError(400, `insufficient_funds_${side}`, `주문가능한 금액(${currency})이 부족합니다.`, order.locked.toFixed());
    }
    if (dryRun) return order;
    account.lock(currency, order.locked);
    this.touch(account.id, currency);
    this.orders.set(order.uuid, order);
    const own = this.ordersByAccount.get(account.id);
    if (own === undefined) this.ordersByAccount.set(account.id, [order]);
    else own.push(order);
    if (order.identifier !== undefined) this.ordersByIdentifier.set(`${account.id}\u0000${order.identifier}`, order);
    const accepted = snapshot(order);
    this.emitOrder(order, 'wait');
    this.execute(market, order, bestOpposite);
    this.flush();
    return accepted;
  }

  /** Market orders may not exceed the visible depth (levels 1-30, rule of 2025-05-07). */
  private checkVisibleDepth(market: Market, request: OrderRequest): void {
    const levels = UPBIT_RULES.marketOrderDepthLevels;
    if (request.ordType === 'price') {
      const depth = market.book.top('ask', levels).reduce((sum, l) => sum.plus(l.price.times(l.size)), ZERO);
      if ((request.price as Dec).gt(depth)) {
        throw new UpbitApiError(400, 'create_bid_error', '시장가 주문 금액이 호가 잔량을 초과합니다.', request.price?.toFixed());
      }
    } else {
      const depth = market.book.top('bid', levels).reduce((sum, l) => sum.plus(l.size), ZERO);
      if ((request.volume as Dec).gt(depth)) {
        throw new UpbitApiError(400, 'create_ask_error', '시장가 주문 수량이 호가 잔량을 초과합니다.', request.volume?.toFixed());
      }
    }
  }

  private execute(market: Market, order: SimOrder, bestOpposite: Dec | undefined): void {
    const limitPrice = order.ordType === 'limit' ? order.price : order.ordType === 'best' ? bestOpposite : undefined;
    const intent: TakerIntent = {
      side: order.side,
      ownerId: order.accountId,
      limitPrice,
      volume: isFundsBased(order) ? undefined : order.remainingVolume,
      funds: isFundsBased(order) ? order.remainingFunds : undefined,
      smpType: order.smpType,
    };
    if (order.timeInForce === 'post_only' && bestOpposite !== undefined && limitPrice !== undefined) {
      const wouldTake = order.side === 'bid' ? limitPrice.gte(bestOpposite) : limitPrice.lte(bestOpposite);
      if (wouldTake) return this.finish(order, 'cancel');
    }
    if (order.timeInForce === 'fok') {
      const wanted = intent.volume ?? volumeForFunds(intent.funds as Dec, limitPrice as Dec);
      if (fillableVolume(market.book, intent).volume.lt(wanted)) return this.finish(order, 'cancel');
    }
    const result = this.match(market, intent, order);
    this.dirtyBooks.add(market.code);
    if (isFullyExecuted(order)) return this.finish(order, order.preventedVolume.gt(0) ? 'cancel' : 'done');
    const rests =
      order.ordType === 'limit' && (order.timeInForce === undefined || order.timeInForce === 'post_only') && !result.takerCancelledBySmp;
    if (!rests) return this.finish(order, isFundsBased(order) ? UPBIT_RULES.marketBuyLeftoverState : UPBIT_RULES.partiallyFilledImmediateOrderState);
    market.book.add({
      orderId: order.uuid,
      ownerId: order.accountId,
      side: order.side,
      price: order.price as Dec,
      remaining: order.remainingVolume as Dec,
      seq: this.sequence++,
    });
  }

  private match(market: Market, intent: TakerIntent, taker: SimOrder | undefined): MatchResult {
    const result = matchTaker(market.book, intent);
    const now = this.now();
    for (const fill of result.fills) {
      const previous = market.tape.lastTrade();
      const trade = market.tape.record(now, fill.price, fill.volume, intent.side === 'bid' ? 'BID' : 'ASK');
      const trend = previous === undefined || fill.price.gte(previous.price) ? 'up' : 'down';
      const maker = this.orders.get(fill.maker.orderId);
      if (maker !== undefined) this.applyFill(maker, trade, true, trend);
      if (taker !== undefined) this.applyFill(taker, trade, false, trend);
      this.listener.onTrade(trade);
    }
    for (const prevention of result.makerPreventions) {
      const maker = this.orders.get(prevention.maker.orderId);
      if (maker !== undefined) this.prevent(maker, maker.price as Dec, prevention.volume);
      if (maker !== undefined && isFullyExecuted(maker)) this.finish(maker, 'cancel', 'prevented');
    }
    if (taker !== undefined) for (const p of result.takerPreventions) this.prevent(taker, p.price, p.volume);
    return result;
  }

  private applyFill(order: SimOrder, trade: TradeRecord, isMaker: boolean, trend: 'up' | 'down'): void {
    const account = this.account(order.accountId);
    const funds = trade.price.times(trade.volume);
    const fee = funds.times(order.feeRate);
    const release = lockReleasedByFill(order, trade.price, trade.volume);
    if (order.side === 'bid') {
      account.spendLocked(order.quoteCurrency, release.locked);
      account.credit(order.quoteCurrency, release.locked.minus(funds).minus(fee));
      account.creditPurchase(order.baseCurrency, trade.volume, trade.price);
      order.remainingFee = order.remainingFee.minus(release.fee);
      if (order.remainingFunds !== undefined) order.remainingFunds = order.remainingFunds.minus(funds);
    } else {
      account.spendLocked(order.baseCurrency, trade.volume);
      account.credit(order.quoteCurrency, funds.minus(fee));
      account.settleSale(order.baseCurrency);
    }
    order.locked = order.locked.minus(release.locked);
    if (order.remainingVolume !== undefined) order.remainingVolume = order.remainingVolume.minus(trade.volume);
    order.executedVolume = order.executedVolume.plus(trade.volume);
    order.executedFunds = order.executedFunds.plus(funds);
    order.paidFee = order.paidFee.plus(fee);
    const orderTrade = {
      uuid: this.options.ids.uuid(),
      market: order.market,
      price: trade.price,
      volume: trade.volume,
      funds,
      fee,
      isMaker,
      trend,
      side: order.side,
      createdAt: trade.timestamp,
    };
    order.trades.push(orderTrade);
    this.touch(order.accountId, order.quoteCurrency);
    this.touch(order.accountId, order.baseCurrency);
    this.listener.onMyOrder({ order, state: 'trade', trade: orderTrade, at: trade.timestamp });
    if (isMaker && isFullyExecuted(order)) this.finish(order, 'done');
  }

  /** Self-match prevention removed `volume` of this order: give back what it locked for it. */
  private prevent(order: SimOrder, price: Dec, volume: Dec): void {
    const release = lockReleasedByFill(order, price, volume);
    this.account(order.accountId).unlock(lockCurrency(order), release.locked);
    this.touch(order.accountId, lockCurrency(order));
    order.locked = order.locked.minus(release.locked);
    order.remainingFee = order.remainingFee.minus(release.fee);
    order.preventedVolume = order.preventedVolume.plus(volume);
    order.preventedLocked = order.preventedLocked.plus(release.locked);
    if (order.remainingVolume !== undefined) order.remainingVolume = order.remainingVolume.minus(volume);
    if (order.remainingFunds !== undefined) order.remainingFunds = order.remainingFunds.minus(price.times(volume));
  }

  /** Ends an order: whatever it still locks goes back to the balance. */
  private finish(order: SimOrder, state: 'done' | 'cancel', eventState: MyOrderState = state): void {
    if (order.locked.gt(0)) {
      this.account(order.accountId).unlock(lockCurrency(order), order.locked);
      this.touch(order.accountId, lockCurrency(order));
    }
    order.locked = ZERO;
    order.remainingFee = ZERO;
    order.state = state;
    this.emitOrder(order, eventState);
  }

  private emitOrder(order: SimOrder, state: MyOrderState): void {
    this.listener.onMyOrder({ order, state, trade: undefined, at: this.now() });
  }

  private touch(accountId: string, currency: string): void {
    let set = this.changedHoldings.get(accountId);
    if (set === undefined) {
      set = new Set();
      this.changedHoldings.set(accountId, set);
    }
    set.add(currency);
  }
}
