import { Dec, MarketCode, QUOTE_MARKET_RULES, tickSizeFor, VOLUME_DECIMALS } from '@trader/domain';
import type { Clock } from '@trader/domain';
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
import { IdGenerator } from '../ports/id-generator.port';
import { enforceUpbitOrderTerms, UsedIdentifiers } from '../orders/upbit-order-rules';

const ZERO = new Dec(0);
const BPS = new Dec(10_000);

export interface BacktestExchangeOptions {
  /** Starting balances by currency, decimal strings. */
  readonly balances: Readonly<Record<string, string>>;
  /** Fee per side as a fraction (Upbit KRW: 0.0005). */
  readonly feeRate: Dec;
  /** Slippage applied against us on every market order, in basis points. */
  readonly slippageBps: number;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The price the market last traded at in the run (what a market sell is worth at submission). */
  readonly lastPrice: (market: string) => Dec | undefined;
  /**
   * A replay of a live session: the fills each market's orders got live, in order. The n-th market
   * order on a market fills with the n-th recorded order's fills (same side), so the replay's positions
   * are the live ones and the decisions can be compared without the fill model in between.
   */
  readonly recordedFills?: ReadonlyMap<string, readonly RecordedOrderFills[]>;
}

/** What one live order got: its side and its fills. */
export interface RecordedOrderFills {
  readonly side: 'bid' | 'ask';
  readonly fills: readonly { readonly price: Dec; readonly volume: Dec }[];
}

interface Wallet {
  balance: Dec;
  locked: Dec;
}

interface SimOrder {
  readonly request: OrderRequest;
  readonly uuid: string;
  readonly createdAt: number;
  readonly quote: string;
  readonly base: string;
  /** Price the market was at when the order arrived: a market order never fills better than it. */
  readonly priceAtSubmit: Dec;
  state: ExchangeOrder['state'];
  remainingVolume: Dec;
  remainingFunds: Dec;
  executedVolume: Dec;
  executedFunds: Dec;
  paidFee: Dec;
  locked: Dec;
  fills: OrderFill[];
}

/**
 * The exchange of a backtest: Upbit's order rules (identifiers used once, 8 volume decimals, the tick
 * grid, the 5,000 KRW minimum, funds locked with the fee on submit, market buys by funds), filling on
 * the run's prices instead of an order book.
 * - A market order fills at the **next** price the run reaches after it arrived (`onPrice`), never at
 *   the price it was decided on, and never better than that price: a buy at max(decision, next) and a
 *   sell at min(decision, next), moved against us by the slippage and rounded to the tick grid against
 *   us. A market buy spends its funds down to the 8th volume decimal; the unspendable rest ends the order
 *   as `cancel`, as Upbit does.
 * - A limit order fills in full at its price once a later price reaches it (a candle's low for a buy,
 *   its high for a sell).
 * Fills reach the trader as private-stream updates (`onUpdate`), the way Upbit's myOrder stream
 * delivers them live, so the live recorder records them.
 */
export class BacktestExchange implements ExchangeGateway {
  private readonly wallets = new Map<string, Wallet>();
  private readonly orders = new Map<string, SimOrder>();
  private readonly byIdentifier = new Map<string, SimOrder>();
  /** Orders still working, by market: what `onPrice` has to look at. */
  private readonly working = new Map<string, SimOrder[]>();
  private readonly identifiers = new UsedIdentifiers();
  private readonly listeners: Array<(update: OrderUpdate) => void> = [];
  private readonly slippage: Dec;
  /** How many market orders each market has filled (the index into `recordedFills`). */
  private readonly marketOrders = new Map<string, number>();

  constructor(private readonly options: BacktestExchangeOptions) {
    for (const [currency, amount] of Object.entries(options.balances)) this.wallet(currency).balance = new Dec(amount);
    this.slippage = new Dec(options.slippageBps).div(BPS);
  }

  /** Calls `listener` with every change to an order after its submission (its fills, its close). */
  onUpdate(listener: (update: OrderUpdate) => void): void {
    this.listeners.push(listener);
  }

  /** True when `market` has an order that a price may fill: the engine skips `onPrice` otherwise. */
  hasWorkingOrders(market: string): boolean {
    return (this.working.get(market)?.length ?? 0) > 0;
  }

  /** The run reached `price` on `market`: market orders fill at it, limit orders it reaches fill at their price. */
  onPrice(market: string, price: Dec): void {
    const working = this.working.get(market);
    if (!working || working.length === 0) return;
    const still: SimOrder[] = [];
    for (const order of working) {
      if (order.request.ordType === 'limit') {
        const limit = order.request.price as Dec;
        const reached = order.request.side === 'bid' ? price.lte(limit) : price.gte(limit);
        if (!reached) {
          still.push(order);
          continue;
        }
        this.fill(order, limit, order.remainingVolume);
        this.emit(order, 'trade');
        this.close(order, 'done');
        this.emit(order, 'done');
        continue;
      }
      this.fillMarketOrder(order, price);
    }
    this.working.set(market, still);
  }

  async placeOrder(request: OrderRequest): Promise<OrderSubmission> {
    const order = this.admit(request, true);
    this.orders.set(order.uuid, order);
    this.byIdentifier.set(request.identifier, order);
    const list = this.working.get(request.market) ?? [];
    list.push(order);
    this.working.set(request.market, list);
    return { outcome: 'accepted', order: this.view(order, true) };
  }

  async testOrder(request: OrderRequest): Promise<ExchangeOrder> {
    return this.view(this.admit(request, false), false);
  }

  async getOrder(reference: OrderReference): Promise<ExchangeOrder> {
    return this.view(this.find(reference), true);
  }

  async cancelOrder(reference: OrderReference): Promise<ExchangeOrder> {
    const order = this.find(reference);
    if (order.state !== 'wait') throw new ExchangeNotFoundError('order_not_found', `order ${order.uuid} is already ${order.state}`);
    const before = this.view(order, false);
    this.unwork(order);
    this.close(order, 'cancel');
    this.emit(order, 'cancel');
    return before;
  }

  async getOpenOrders(query: OpenOrdersQuery = {}): Promise<ExchangeOrder[]> {
    return [...this.orders.values()].filter((o) => o.state === 'wait' && (!query.market || o.request.market === query.market)).map((o) => this.view(o, false));
  }

  async getClosedOrders(query: ClosedOrdersQuery = {}): Promise<ExchangeOrder[]> {
    return [...this.orders.values()]
      .filter((o) => (o.state === 'done' || o.state === 'cancel') && (!query.market || o.request.market === query.market))
      .map((o) => this.view(o, false));
  }

  async getOrdersByIds(query: OrdersByIdsQuery): Promise<ExchangeOrder[]> {
    const found = 'uuids' in query ? query.uuids.map((uuid) => this.orders.get(uuid)) : query.identifiers.map((identifier) => this.byIdentifier.get(identifier));
    return found.filter((o): o is SimOrder => o !== undefined).map((o) => this.view(o, false));
  }

  async cancelOrders(targets: OrdersToCancel): Promise<BatchCancelResult> {
    const references: OrderReference[] = 'uuids' in targets ? targets.uuids.map((uuid) => ({ uuid })) : targets.identifiers.map((identifier) => ({ identifier }));
    return this.cancelEach(references);
  }

  async cancelAllOrders(request: CancelAllOrdersRequest = {}): Promise<BatchCancelResult> {
    const side = request.cancelSide ?? 'all';
    const open = [...this.orders.values()].filter(
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
    });
    if (submission.outcome !== 'accepted') return submission;
    return { outcome: 'accepted', cancelled, newOrderUuid: submission.order.uuid, newIdentifier: request.newIdentifier };
  }

  async getAccounts(): Promise<AccountBalance[]> {
    return [...this.wallets].map(([currency, wallet]) => this.account(currency, wallet));
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

  async getOrderChance(market: string): Promise<OrderChance> {
    const { quote, base } = MarketCode.parse(market);
    const fee = this.options.feeRate;
    const min = new Dec(QUOTE_MARKET_RULES[quote].minOrderTotal);
    return {
      bidFee: fee,
      askFee: fee,
      makerBidFee: fee,
      makerAskFee: fee,
      market: {
        market,
        orderTypes: ['limit'],
        orderSides: ['ask', 'bid'],
        bidTypes: ['limit', 'price'],
        askTypes: ['limit', 'market'],
        bid: { currency: quote, minTotal: min },
        ask: { currency: quote, minTotal: min },
        maxTotal: new Dec('1000000000'),
        state: 'active',
      },
      bidAccount: this.account(quote, this.wallet(quote)),
      askAccount: this.account(base, this.wallet(base)),
    };
  }

  private admit(request: OrderRequest, lock: boolean): SimOrder {
    if (lock) this.identifiers.claim(request.identifier);
    else this.identifiers.check(request.identifier);
    const { quote, base } = MarketCode.parse(request.market);
    if (request.ordType !== 'limit' && request.ordType !== 'price' && request.ordType !== 'market') {
      throw new ExchangeRejectedError('invalid_order', 'validation_error', `order type ${request.ordType} is not supported in backtests`, 400);
    }
    const spendsFunds = request.side === 'bid' && request.ordType === 'price';
    const volume = spendsFunds ? ZERO : (request.volume ?? ZERO);
    const funds = spendsFunds ? (request.price ?? ZERO) : ZERO;
    if ((!spendsFunds && volume.lte(0)) || (spendsFunds && funds.lte(0)) || (request.ordType === 'limit' && !(request.price?.gt(0) ?? false))) {
      throw new ExchangeRejectedError('invalid_order', 'validation_error', 'volume, price or funds missing or not positive', 400);
    }
    const priceAtSubmit = this.options.lastPrice(request.market);
    if (!priceAtSubmit) throw new ExchangeRejectedError('invalid_order', 'market_offline', `${request.market} has not traded yet in this run`, 400);
    const total = spendsFunds ? funds : request.ordType === 'limit' ? volume.mul(request.price as Dec) : volume.mul(priceAtSubmit);
    enforceUpbitOrderTerms(request, total);
    const lockCurrency = request.side === 'bid' ? quote : base;
    const locked = request.side === 'bid' ? total.mul(this.options.feeRate.plus(1)) : volume;
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
      createdAt: this.options.clock.now(),
      quote,
      base,
      priceAtSubmit,
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

  private fillMarketOrder(order: SimOrder, next: Dec): void {
    const index = this.marketOrders.get(order.request.market) ?? 0;
    this.marketOrders.set(order.request.market, index + 1);
    const recorded = this.options.recordedFills?.get(order.request.market)?.[index];
    if (recorded && recorded.side === order.request.side) return this.fillAsRecorded(order, recorded);
    const market = MarketCode.parse(order.request.market);
    if (order.request.side === 'bid') {
      const worst = Dec.max(order.priceAtSubmit, next).mul(this.slippage.plus(1));
      const price = roundToTick(market, worst, Dec.ROUND_UP);
      // What the locked funds buy after the fee: Upbit locks funds x (1 + fee) and spends `funds`.
      const volume = order.remainingFunds.div(price).toDecimalPlaces(VOLUME_DECIMALS, Dec.ROUND_DOWN);
      if (volume.gt(0)) {
        this.fill(order, price, volume);
        this.emit(order, 'trade');
      }
      const state = order.remainingFunds.lte(0) ? 'done' : 'cancel';
      this.close(order, state);
      this.emit(order, state);
      return;
    }
    const worst = Dec.min(order.priceAtSubmit, next).mul(new Dec(1).minus(this.slippage));
    const price = roundToTick(market, worst, Dec.ROUND_DOWN);
    this.fill(order, price, order.remainingVolume);
    this.emit(order, 'trade');
    this.close(order, 'done');
    this.emit(order, 'done');
  }

  private fillAsRecorded(order: SimOrder, recorded: RecordedOrderFills): void {
    for (const { price, volume } of recorded.fills) {
      // Never more than the order holds: a replay's order may differ from the live one it stands for.
      const left = order.request.side === 'bid' ? order.remainingFunds.div(price).toDecimalPlaces(VOLUME_DECIMALS, Dec.ROUND_DOWN) : order.remainingVolume;
      const take = Dec.min(volume, left);
      if (take.lte(0)) break;
      this.fill(order, price, take);
      this.emit(order, 'trade');
    }
    const complete = order.request.side === 'bid' ? order.remainingFunds.lte(0) : order.remainingVolume.lte(0);
    const state = complete ? 'done' : 'cancel';
    this.close(order, state);
    this.emit(order, state);
  }

  private fill(order: SimOrder, price: Dec, volume: Dec): void {
    const funds = price.mul(volume);
    const fee = funds.mul(this.options.feeRate);
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
    order.fills.push({ uuid: this.options.ids.next(), market: order.request.market, side: order.request.side, price, volume, funds, createdAt: this.options.clock.now() });
  }

  /** Ends an order and returns what it still had locked. */
  private close(order: SimOrder, state: 'done' | 'cancel'): void {
    const wallet = this.wallet(order.request.side === 'bid' ? order.quote : order.base);
    wallet.locked = wallet.locked.minus(order.locked);
    wallet.balance = wallet.balance.plus(order.locked);
    order.locked = ZERO;
    order.state = state;
  }

  private emit(order: SimOrder, state: 'trade' | 'done' | 'cancel'): void {
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
      executedFunds: order.executedFunds,
      tradesCount: order.fills.length,
      paidFee: order.paidFee,
      orderTimestamp: order.createdAt,
      timestamp: this.options.clock.now(),
      ...(state === 'trade' && fill
        ? { tradeUuid: fill.uuid, price: fill.price, volume: fill.volume, tradeFee: fill.funds.mul(this.options.feeRate), isMaker: request.ordType === 'limit', tradeTimestamp: fill.createdAt }
        : {}),
    };
    for (const listener of this.listeners) listener(update);
  }

  private unwork(order: SimOrder): void {
    const list = this.working.get(order.request.market);
    if (!list) return;
    const index = list.indexOf(order);
    if (index >= 0) list.splice(index, 1);
  }

  private async cancelEach(references: readonly OrderReference[]): Promise<BatchCancelResult> {
    const succeeded = [];
    const failed = [];
    for (const reference of references) {
      const order = this.find(reference);
      const ref = { uuid: order.uuid, market: order.request.market, identifier: order.request.identifier };
      if (order.state === 'wait') {
        this.unwork(order);
        this.close(order, 'cancel');
        this.emit(order, 'cancel');
        succeeded.push(ref);
      } else {
        failed.push(ref);
      }
    }
    return { succeeded, failed };
  }

  private find(reference: OrderReference): SimOrder {
    const order = 'uuid' in reference ? this.orders.get(reference.uuid) : this.byIdentifier.get(reference.identifier);
    if (!order) throw new ExchangeNotFoundError('order_not_found', `no order ${'uuid' in reference ? reference.uuid : reference.identifier}`);
    return order;
  }

  private view(order: SimOrder, withFills: boolean): ExchangeOrder {
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
}

/** A price on the market's tick grid, rounded in `direction` (up for what we pay, down for what we get). */
function roundToTick(market: MarketCode, price: Dec, direction: typeof Dec.ROUND_UP | typeof Dec.ROUND_DOWN): Dec {
  const tick = tickSizeFor(market, price);
  return price.div(tick).toDecimalPlaces(0, direction).mul(tick);
}
