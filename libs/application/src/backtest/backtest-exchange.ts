import { Dec, MarketCode, QUOTE_MARKET_RULES, tickSizeFor } from '@trader/domain';
import type { Clock } from '@trader/domain';
import { ExchangeRejectedError } from '../ports/exchange-gateway.errors';
import {
  ExchangeOrder,
  OrderChance,
  OrderRequest,
  OrderSubmission,
} from '../ports/exchange-gateway.types';
import { IdGenerator } from '../ports/id-generator.port';
import { BookOrder, UpbitAccountBook } from '../orders/upbit-account-book';
import { InMemoryExchange } from '../orders/in-memory-exchange';
import { inMemoryOrderChance } from '../orders/in-memory-orders';

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

interface SimOrder extends BookOrder {
  /** Price the market was at when the order arrived: a market order never fills better than it. */
  readonly priceAtSubmit: Dec;
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
export class BacktestExchange extends InMemoryExchange<SimOrder> {
  /** Orders still working, by market: what `onPrice` has to look at. */
  private readonly working = new Map<string, SimOrder[]>();
  private readonly slippage: Dec;
  /** How many market orders each market has filled (the index into `recordedFills`). */
  private readonly marketOrders = new Map<string, number>();

  constructor(private readonly options: BacktestExchangeOptions) {
    super(new UpbitAccountBook(options.balances));
    this.slippage = new Dec(options.slippageBps).div(BPS);
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
        this.emitChange(order, 'trade');
        this.close(order, 'done');
        this.emitChange(order, 'done');
        continue;
      }
      this.fillMarketOrder(order, price);
    }
    this.working.set(market, still);
  }

  async placeOrder(request: OrderRequest): Promise<OrderSubmission> {
    const order = this.admit(request, true);
    this.orders.add(order);
    const list = this.working.get(request.market) ?? [];
    list.push(order);
    this.working.set(request.market, list);
    return { outcome: 'accepted', order: this.view(order, true) };
  }

  async testOrder(request: OrderRequest): Promise<ExchangeOrder> {
    return this.view(this.admit(request, false), false);
  }

  /** A currency's balance not locked by open orders (what a new buy may spend). */
  available(currency: string): Dec {
    return this.book.available(currency);
  }

  /** A currency's balance including what open orders lock (the account's value in it). */
  total(currency: string): Dec {
    return this.book.total(currency);
  }

  async getOrderChance(market: string): Promise<OrderChance> {
    const { quote } = MarketCode.parse(market);
    return inMemoryOrderChance(market, this.options.feeRate, new Dec(QUOTE_MARKET_RULES[quote].minOrderTotal), this.book, { bid: ['limit', 'price'], ask: ['limit', 'market'] });
  }

  private admit(request: OrderRequest, lock: boolean): SimOrder {
    if (request.ordType !== 'limit' && request.ordType !== 'price' && request.ordType !== 'market') {
      throw new ExchangeRejectedError('invalid_order', 'validation_error', `order type ${request.ordType} is not supported in backtests`, 400);
    }
    const priceAtSubmit = this.options.lastPrice(request.market);
    if (!priceAtSubmit) throw new ExchangeRejectedError('invalid_order', 'market_offline', `${request.market} has not traded yet in this run`, 400);
    const order = this.book.admit(request, {
      feeRate: this.options.feeRate,
      marketSellValue: (volume) => volume.mul(priceAtSubmit),
      uuid: () => this.options.ids.next(),
      now: this.options.clock.now(),
      lock,
    });
    return { ...order, priceAtSubmit };
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
      const volume = UpbitAccountBook.volumeFor(order, price);
      if (volume.gt(0)) {
        this.fill(order, price, volume);
        this.emitChange(order, 'trade');
      }
      const state = order.remainingFunds.lte(0) ? 'done' : 'cancel';
      this.close(order, state);
      this.emitChange(order, state);
      return;
    }
    const worst = Dec.min(order.priceAtSubmit, next).mul(new Dec(1).minus(this.slippage));
    const price = roundToTick(market, worst, Dec.ROUND_DOWN);
    this.fill(order, price, order.remainingVolume);
    this.emitChange(order, 'trade');
    this.close(order, 'done');
    this.emitChange(order, 'done');
  }

  private fillAsRecorded(order: SimOrder, recorded: RecordedOrderFills): void {
    for (const { price, volume } of recorded.fills) {
      // Never more than the order holds: a replay's order may differ from the live one it stands for.
      const left = order.request.side === 'bid' ? UpbitAccountBook.volumeFor(order, price) : order.remainingVolume;
      const take = Dec.min(volume, left);
      if (take.lte(0)) break;
      this.fill(order, price, take);
      this.emitChange(order, 'trade');
    }
    const complete = order.request.side === 'bid' ? order.remainingFunds.lte(0) : order.remainingVolume.lte(0);
    const state = complete ? 'done' : 'cancel';
    this.close(order, state);
    this.emitChange(order, state);
  }

  private fill(order: SimOrder, price: Dec, volume: Dec): void {
    this.book.fill(order, price, volume, this.options.ids.next(), this.options.clock.now());
  }

  private close(order: SimOrder, state: 'done' | 'cancel'): void {
    this.book.close(order, state);
  }

  private emitChange(order: SimOrder, state: 'trade' | 'done' | 'cancel'): void {
    super.emit(this.book.update(order, state, this.options.clock.now(), order.request.ordType === 'limit'));
  }

  /** A cancelled order stops working, and the private stream says so. */
  protected cancelled(order: SimOrder): void {
    this.unwork(order);
    this.emitChange(order, 'cancel');
  }

  private unwork(order: SimOrder): void {
    const list = this.working.get(order.request.market);
    if (!list) return;
    const index = list.indexOf(order);
    if (index >= 0) list.splice(index, 1);
  }

  private view(order: SimOrder, withFills: boolean): ExchangeOrder {
    return this.book.view(order, withFills);
  }
}

/** A price on the market's tick grid, rounded in `direction` (up for what we pay, down for what we get). */
function roundToTick(market: MarketCode, price: Dec, direction: typeof Dec.ROUND_UP | typeof Dec.ROUND_DOWN): Dec {
  const tick = tickSizeFor(market, price);
  return price.div(tick).toDecimalPlaces(0, direction).mul(tick);
}
