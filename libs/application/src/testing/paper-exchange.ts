import { Dec, QUOTE_MARKET_RULES, VOLUME_DECIMALS } from '@trader/domain';
import { ExchangeRejectedError } from '../ports/exchange-gateway.errors';
import {
  ExchangeOrder,
  OrderChance,
  OrderRequest,
  OrderSubmission,
} from '../ports/exchange-gateway.types';
import { OrderBookLevel, TradeTick } from '../ports/market-data-feed.types';
import { OrderBookSource } from './order-book-source';
import { PaperExchangeOptions } from './paper-exchange.options';
import { BookOrder, splitMarket, UpbitAccountBook } from '../orders/upbit-account-book';
import { InMemoryExchange } from '../orders/in-memory-exchange';
import { inMemoryOrderChance } from '../orders/in-memory-orders';

const ZERO = new Dec(0);

type PaperOrder = BookOrder;

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
export class PaperExchange extends InMemoryExchange<PaperOrder> {

  constructor(
    private readonly books: OrderBookSource,
    private readonly options: PaperExchangeOptions,
  ) {
    super(new UpbitAccountBook(options.balances));
  }

  /** Paper trading has no private stream: a cancel is seen by looking the order up. */
  protected cancelled(): void {
    return undefined;
  }

  async placeOrder(request: OrderRequest): Promise<OrderSubmission> {
    const order = this.admit(request);
    this.orders.add(order);
    this.takeLiquidity(order);
    // Unlike Upbit, the answer carries the trades the order made at once: paper trading has no private
    // stream to deliver them. Later trades of resting orders reach `onUpdate` listeners.
    return { outcome: 'accepted', order: this.view(order, true) };
  }

  async testOrder(request: OrderRequest): Promise<ExchangeOrder> {
    const order = this.admit(request, false);
    return this.view(order, false);
  }

  async getOrderChance(market: string): Promise<OrderChance> {
    const [quote] = splitMarket(market);
    return inMemoryOrderChance(market, this.feeRate(quote), new Dec(rulesOf(quote).minOrderTotal), this.book, {
      bid: ['limit', 'price', 'best_fok', 'best_ioc', 'limit_ioc', 'limit_fok'],
      ask: ['limit', 'market', 'best_fok', 'best_ioc', 'limit_ioc', 'limit_fok'],
    });
  }

  /** A public trade: resting orders whose price it reaches fill against it, as makers. */
  onTrade(tick: TradeTick): void {
    let left = tick.volume;
    for (const order of this.orders.all()) {
      if (left.lte(0)) return;
      if (order.state !== 'wait' || order.request.market !== tick.market || order.request.ordType !== 'limit') continue;
      const limit = order.request.price as Dec;
      const crosses = order.request.side === 'bid' ? tick.price.lte(limit) : tick.price.gte(limit);
      if (!crosses) continue;
      const volume = Dec.min(left, order.remainingVolume);
      this.fill(order, limit, volume);
      left = left.minus(volume);
      this.emitChange(order, 'trade');
      if (order.remainingVolume.isZero()) {
        this.close(order, 'done');
        this.emitChange(order, 'done');
      }
    }
  }

  /** Validates and locks funds, as Upbit does on submit; `lock` false only checks (orders/test). */
  private admit(request: OrderRequest, lock = true): PaperOrder {
    const [quote] = splitMarket(request.market);
    return this.book.admit(request, {
      feeRate: this.feeRate(quote),
      marketSellValue: (volume) => this.marketValue(request.market, volume),
      uuid: () => this.options.ids.next(),
      now: this.options.now(),
      lock,
    });
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
    this.book.fill(order, price, volume, this.options.ids.next(), this.options.now());
  }

  private close(order: PaperOrder, state: 'done' | 'cancel'): void {
    this.book.close(order, state);
  }

  private emitChange(order: PaperOrder, state: 'trade' | 'done'): void {
    super.emit(this.book.update(order, state, this.options.now(), true));
  }

  private view(order: PaperOrder, withFills: boolean): ExchangeOrder {
    return this.book.view(order, withFills);
  }

  private marketValue(market: string, volume: Dec): Dec {
    const best = this.books.latest(market)?.units[0]?.bidPrice;
    return best ? best.mul(volume) : ZERO;
  }

  private feeRate(quote: string): Dec {
    return new Dec(this.options.feeRates?.[quote] ?? rulesOf(quote).defaultFeeRate);
  }
}

function rulesOf(quote: string): { minOrderTotal: string; defaultFeeRate: string } {
  const rules = (QUOTE_MARKET_RULES as Readonly<Record<string, { minOrderTotal: string; defaultFeeRate: string }>>)[quote];
  if (!rules) throw new ExchangeRejectedError('invalid_order', 'validation_error', `quote currency ${quote} is not traded`, 400);
  return rules;
}
