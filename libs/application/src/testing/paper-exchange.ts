import { Dec, QUOTE_MARKET_RULES, VOLUME_DECIMALS } from '@trader/domain';
import { ExchangeNotFoundError, ExchangeRejectedError } from '../ports/exchange-gateway.errors';
import { ExchangeGateway } from '../ports/exchange-gateway.port';
import {
  AccountBalance,
  BatchCancelResult,
  CancelAllOrdersRequest,
  ClosedOrdersQuery,
  ExchangeOrder,
  OpenOrdersQuery,
  OrderChance,
  OrderFill,
  OrderReference,
  OrderRequest,
  OrderSubmission,
  OrdersByIdsQuery,
  OrdersToCancel,
  OrderUpdate,
  ReplaceOrderRequest,
  ReplaceSubmission,
} from '../ports/exchange-gateway.types';
import { OrderBookLevel, TradeTick } from '../ports/market-data-feed.types';
import { OrderBookSource } from './order-book-source';
import { PaperExchangeOptions } from './paper-exchange.options';
import { enforceUpbitOrderTerms, UsedIdentifiers } from '../orders/upbit-order-rules';

const ZERO = new Dec(0);

interface Wallet {
  balance: Dec;
  locked: Dec;
}

interface PaperOrder {
  readonly request: OrderRequest;
  readonly uuid: string;
  readonly createdAt: number;
  readonly quote: string;
  readonly base: string;
  readonly feeRate: Dec;
  state: ExchangeOrder['state'];
  /** Base volume left to trade (limit and market sell orders). */
  remainingVolume: Dec;
  /** Quote funds left to spend (market and best buys). */
  remainingFunds: Dec;
  executedVolume: Dec;
  executedFunds: Dec;
  paidFee: Dec;
  locked: Dec;
  fills: OrderFill[];
}

/**
 * Test support: an exchange in memory that fills our orders against a given order book with Upbit's
 * fees, for tests that need an exchange with balances but no HTTP (paper trading itself runs against
 * the simulator). Marketable orders
 * take the book's levels as they are now (the book is a snapshot: our own fills do not deplete it);
 * resting limit orders fill when a later trade crosses their price. Funds are locked on submit as
 * Upbit does (a buy locks price x volume plus the fee), and Upbit's refusals are raised: a reused
 * identifier, more than 8 volume decimals, a limit price off the tick grid, a total under the minimum,
 * insufficient funds.
 */
export class PaperExchange implements ExchangeGateway {
  private readonly wallets = new Map<string, Wallet>();
  private readonly orders: PaperOrder[] = [];
  private readonly identifiers = new UsedIdentifiers();
  private readonly listeners: Array<(update: OrderUpdate) => void> = [];

  constructor(
    private readonly books: OrderBookSource,
    private readonly options: PaperExchangeOptions,
  ) {
    for (const [currency, amount] of Object.entries(options.balances)) this.wallet(currency).balance = new Dec(amount);
  }

  async placeOrder(request: OrderRequest): Promise<OrderSubmission> {
    const order = this.admit(request);
    this.orders.push(order);
    this.takeLiquidity(order);
    // Unlike Upbit, the answer carries the trades the order made at once: paper trading has no private
    // stream to deliver them. Later trades of resting orders reach `onUpdate` listeners.
    return { outcome: 'accepted', order: this.view(order, true) };
  }

  async testOrder(request: OrderRequest): Promise<ExchangeOrder> {
    const order = this.admit(request, false);
    return this.view(order, false);
  }

  async getOrder(reference: OrderReference): Promise<ExchangeOrder> {
    return this.view(this.find(reference), true);
  }

  async cancelOrder(reference: OrderReference): Promise<ExchangeOrder> {
    const order = this.find(reference);
    if (order.state !== 'wait') throw new ExchangeNotFoundError('order_not_found', `order ${order.uuid} is already ${order.state}`);
    const before = this.view(order, false);
    this.close(order, 'cancel');
    return before;
  }

  async getOpenOrders(query: OpenOrdersQuery = {}): Promise<ExchangeOrder[]> {
    return this.orders.filter((o) => o.state === 'wait' && (!query.market || o.request.market === query.market)).map((o) => this.view(o, false));
  }

  async getClosedOrders(query: ClosedOrdersQuery = {}): Promise<ExchangeOrder[]> {
    return this.orders
      .filter((o) => (o.state === 'done' || o.state === 'cancel') && (!query.market || o.request.market === query.market))
      .map((o) => this.view(o, false));
  }

  async getOrdersByIds(query: OrdersByIdsQuery): Promise<ExchangeOrder[]> {
    const wanted = new Set('uuids' in query ? query.uuids : query.identifiers);
    return this.orders.filter((o) => wanted.has('uuids' in query ? o.uuid : (o.request.identifier ?? ''))).map((o) => this.view(o, false));
  }

  async cancelOrders(targets: OrdersToCancel): Promise<BatchCancelResult> {
    const references: OrderReference[] = 'uuids' in targets ? targets.uuids.map((uuid) => ({ uuid })) : targets.identifiers.map((identifier) => ({ identifier }));
    return this.cancelEach(references);
  }

  async cancelAllOrders(request: CancelAllOrdersRequest = {}): Promise<BatchCancelResult> {
    const side = request.cancelSide ?? 'all';
    const open = this.orders.filter(
      (o) =>
        o.state === 'wait' &&
        (side === 'all' || o.request.side === side) &&
        (!request.pairs || request.pairs.includes(o.request.market)) &&
        !(request.excludedPairs ?? []).includes(o.request.market),
    );
    return this.cancelEach(open.map((o) => ({ uuid: o.uuid })));
  }

  async replaceOrder(request: ReplaceOrderRequest): Promise<ReplaceSubmission> {
    const previous = this.find(request.previous);
    const cancelled = await this.cancelOrder({ uuid: previous.uuid });
    const volume = request.newVolume === 'remain_only' ? previous.remainingVolume : request.newVolume;
    const submission = await this.placeOrder({
      market: previous.request.market,
      side: previous.request.side,
      ordType: request.newOrdType,
      identifier: request.newIdentifier,
      ...(volume ? { volume } : {}),
      ...(request.newPrice ? { price: request.newPrice } : {}),
      ...(request.newTimeInForce ? { timeInForce: request.newTimeInForce } : {}),
    });
    if (submission.outcome !== 'accepted') return submission;
    return { outcome: 'accepted', cancelled, newOrderUuid: submission.order.uuid, newIdentifier: request.newIdentifier };
  }

  async getAccounts(): Promise<AccountBalance[]> {
    return [...this.wallets].map(([currency, wallet]) => this.account(currency, wallet));
  }

  async getOrderChance(market: string): Promise<OrderChance> {
    const [quote, base] = splitMarket(market);
    const fee = this.feeRate(quote);
    const min = new Dec(rulesOf(quote).minOrderTotal);
    return {
      bidFee: fee,
      askFee: fee,
      makerBidFee: fee,
      makerAskFee: fee,
      market: {
        market,
        orderTypes: ['limit'],
        orderSides: ['ask', 'bid'],
        bidTypes: ['limit', 'price', 'best_fok', 'best_ioc', 'limit_ioc', 'limit_fok'],
        askTypes: ['limit', 'market', 'best_fok', 'best_ioc', 'limit_ioc', 'limit_fok'],
        bid: { currency: quote, minTotal: min },
        ask: { currency: quote, minTotal: min },
        maxTotal: new Dec('1000000000'),
        state: 'active',
      },
      bidAccount: this.account(quote, this.wallet(quote)),
      askAccount: this.account(base, this.wallet(base)),
    };
  }

  /** Calls `listener` with each change to a resting order (its trades, its close), like Upbit's myOrder stream. */
  onUpdate(listener: (update: OrderUpdate) => void): void {
    this.listeners.push(listener);
  }

  /** A public trade: resting orders whose price it reaches fill against it, as makers. */
  onTrade(tick: TradeTick): void {
    let left = tick.volume;
    for (const order of this.orders) {
      if (left.lte(0)) return;
      if (order.state !== 'wait' || order.request.market !== tick.market || order.request.ordType !== 'limit') continue;
      const limit = order.request.price as Dec;
      const crosses = order.request.side === 'bid' ? tick.price.lte(limit) : tick.price.gte(limit);
      if (!crosses) continue;
      const volume = Dec.min(left, order.remainingVolume);
      this.fill(order, limit, volume);
      left = left.minus(volume);
      this.emit(order, 'trade');
      if (order.remainingVolume.isZero()) {
        this.close(order, 'done');
        this.emit(order, 'done');
      }
    }
  }

  /** Validates and locks funds, as Upbit does on submit; `lock` false only checks (orders/test). */
  private admit(request: OrderRequest, lock = true): PaperOrder {
    // orders/test checks the identifier without using it up.
    if (lock) this.identifiers.claim(request.identifier);
    else this.identifiers.check(request.identifier);
    const [quote, base] = splitMarket(request.market);
    const feeRate = this.feeRate(quote);
    const spendsFunds = request.side === 'bid' && request.ordType !== 'limit';
    const volume = spendsFunds ? ZERO : (request.volume ?? ZERO);
    const funds = spendsFunds ? (request.price ?? ZERO) : ZERO;
    if ((!spendsFunds && volume.lte(0)) || (spendsFunds && funds.lte(0)) || (request.ordType === 'limit' && !(request.price?.gt(0) ?? false))) {
      throw new ExchangeRejectedError('invalid_order', 'validation_error', 'volume, price or funds missing or not positive', 400);
    }
    const total = spendsFunds ? funds : request.ordType === 'limit' ? volume.mul(request.price as Dec) : this.marketValue(request.market, volume);
    enforceUpbitOrderTerms(request, total);
    const lockCurrency = request.side === 'bid' ? quote : base;
    const locked = request.side === 'bid' ? total.mul(feeRate.plus(1)) : volume;
    const wallet = this.wallet(lockCurrency);
    if (wallet.balance.lt(locked)) {
      const name = request.side === 'bid' ? 'insufficient_funds_bid' : 'insufficient_funds_ask';
      throw new ExchangeRejectedError('insufficient_funds', name, `needs ${locked.toFixed()} ${lockCurrency}, has ${wallet.balance.toFixed()}`, 400);
    }
    if (lock) {
      wallet.balance = wallet.balance.minus(locked);
      wallet.locked = wallet.locked.plus(locked);
    }
    return {
      request,
      uuid: this.options.ids.next(),
      createdAt: this.options.now(),
      quote,
      base,
      feeRate,
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

  /** Fills what the book allows now; what is left rests (limit) or is cancelled (market, ioc, fok). */
  private takeLiquidity(order: PaperOrder): void {
    const { request } = order;
    const book = this.books.latest(request.market);
    const levels = book ? book.units : [];
    const buying = request.side === 'bid';
    const plan = this.plan(order, levels);
    const wouldFill = plan.reduce((sum, step) => sum.plus(step.volume), ZERO);
    if (request.timeInForce === 'post_only' && plan.length > 0) return this.close(order, 'cancel');
    if (request.timeInForce === 'fok' && (buying && request.ordType !== 'limit' ? plan.length === 0 : wouldFill.lt(order.remainingVolume))) {
      return this.close(order, 'cancel');
    }
    for (const step of plan) this.fill(order, step.price, step.volume);
    const complete = request.ordType === 'limit' || request.side === 'ask' ? order.remainingVolume.isZero() : order.remainingFunds.lte(0);
    if (complete) return this.close(order, 'done');
    if (request.ordType !== 'limit' || request.timeInForce === 'ioc' || request.timeInForce === 'fok') this.close(order, 'cancel');
  }

  private plan(order: PaperOrder, levels: readonly OrderBookLevel[]): { price: Dec; volume: Dec }[] {
    const { request } = order;
    const buying = request.side === 'bid';
    const limit = request.ordType === 'limit' ? (request.price as Dec) : undefined;
    const steps: { price: Dec; volume: Dec }[] = [];
    let volumeLeft = order.remainingVolume;
    let fundsLeft = order.remainingFunds;
    for (const level of levels) {
      const price = buying ? level.askPrice : level.bidPrice;
      const size = buying ? level.askSize : level.bidSize;
      if (limit && (buying ? price.gt(limit) : price.lt(limit))) break;
      const byFunds = buying && !limit;
      const volume = byFunds ? Dec.min(size, fundsLeft.div(price).toDecimalPlaces(VOLUME_DECIMALS, Dec.ROUND_DOWN)) : Dec.min(size, volumeLeft);
      if (volume.lte(0)) break;
      steps.push({ price, volume });
      volumeLeft = volumeLeft.minus(volume);
      fundsLeft = fundsLeft.minus(price.mul(volume));
    }
    return steps;
  }

  private fill(order: PaperOrder, price: Dec, volume: Dec): void {
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
    order.fills.push({
      uuid: this.options.ids.next(),
      market: order.request.market,
      side: order.request.side,
      price,
      volume,
      funds,
      createdAt: this.options.now(),
    });
  }

  /** Ends an order and returns what it still had locked. */
  private close(order: PaperOrder, state: 'done' | 'cancel'): void {
    const wallet = this.wallet(order.request.side === 'bid' ? order.quote : order.base);
    wallet.locked = wallet.locked.minus(order.locked);
    wallet.balance = wallet.balance.plus(order.locked);
    order.locked = ZERO;
    order.state = state;
  }

  private emit(order: PaperOrder, state: 'trade' | 'done'): void {
    const { request } = order;
    const fill = order.fills.at(-1);
    const update: OrderUpdate = {
      kind: 'order-update',
      market: request.market,
      uuid: order.uuid,
      identifier: request.identifier,
      side: request.side,
      ordType: request.ordType,
      state,
      executedVolume: order.executedVolume,
      tradesCount: order.fills.length,
      paidFee: order.paidFee,
      timestamp: this.options.now(),
      ...(state === 'trade' && fill
        ? { tradeUuid: fill.uuid, price: fill.price, volume: fill.volume, tradeFee: fill.funds.mul(order.feeRate), isMaker: true, tradeTimestamp: fill.createdAt }
        : {}),
    };
    for (const listener of this.listeners) listener(update);
  }

  private async cancelEach(references: readonly OrderReference[]): Promise<BatchCancelResult> {
    const succeeded = [];
    const failed = [];
    for (const reference of references) {
      const order = this.find(reference);
      const ref = { uuid: order.uuid, market: order.request.market, identifier: order.request.identifier };
      if (order.state === 'wait') {
        this.close(order, 'cancel');
        succeeded.push(ref);
      } else {
        failed.push(ref);
      }
    }
    return { succeeded, failed };
  }

  private find(reference: OrderReference): PaperOrder {
    const order = this.orders.find((o) => ('uuid' in reference ? o.uuid === reference.uuid : o.request.identifier === reference.identifier));
    if (!order) throw new ExchangeNotFoundError('order_not_found', `no order ${'uuid' in reference ? reference.uuid : reference.identifier}`);
    return order;
  }

  private view(order: PaperOrder, withFills: boolean): ExchangeOrder {
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

  private account(currency: string, wallet: Wallet): AccountBalance {
    return { currency, balance: wallet.balance, locked: wallet.locked, avgBuyPrice: ZERO, avgBuyPriceModified: false, unitCurrency: 'KRW' };
  }

  private wallet(currency: string): Wallet {
    let wallet = this.wallets.get(currency);
    if (!wallet) {
      wallet = { balance: ZERO, locked: ZERO };
      this.wallets.set(currency, wallet);
    }
    return wallet;
  }

  private marketValue(market: string, volume: Dec): Dec {
    const best = this.books.latest(market)?.units[0]?.bidPrice;
    return best ? best.mul(volume) : ZERO;
  }

  private feeRate(quote: string): Dec {
    return new Dec(this.options.feeRates?.[quote] ?? rulesOf(quote).defaultFeeRate);
  }
}

function splitMarket(market: string): [string, string] {
  const [quote, base] = market.split('-');
  if (!quote || !base) throw new ExchangeRejectedError('invalid_order', 'validation_error', `market ${market} is not QUOTE-BASE`, 400);
  return [quote, base];
}

function rulesOf(quote: string): { minOrderTotal: string; defaultFeeRate: string } {
  const rules = (QUOTE_MARKET_RULES as Readonly<Record<string, { minOrderTotal: string; defaultFeeRate: string }>>)[quote];
  if (!rules) throw new ExchangeRejectedError('invalid_order', 'validation_error', `quote currency ${quote} is not traded`, 400);
  return rules;
}
