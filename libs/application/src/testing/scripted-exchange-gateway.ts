import { Dec } from '@trader/domain';
import { ExchangeNotFoundError, ExchangeRejectedError, ExchangeUnavailableError, RejectionReason, StaleOrderError } from '../ports/exchange-gateway.errors';
import { ExchangeGateway } from '../ports/exchange-gateway.port';
import { AccountBalance, ClosedOrdersQuery, ExchangeOrder, OpenOrdersQuery, OrderReference, OrderRequest, OrderSubmission } from '../ports/exchange-gateway.types';
import { enforceUpbitOrderTerms, UsedIdentifiers } from '../orders/upbit-order-rules';

/** What the exchange does with one order, by our client order id. */
export type ScriptedOutcome =
  | { kind: 'fill' }
  | { kind: 'rest' }
  /** Rests on the book with half of it filled. */
  | { kind: 'partial' }
  | { kind: 'reject'; reason: RejectionReason }
  /** The order waited past its staleness bound for a rate-limit slot and was never sent. */
  | { kind: 'stale' }
  /** The exchange executed the order but the answer was lost (post-execution time-out). */
  | { kind: 'lost-answer' }
  /** The request never reached the exchange, but our side could not tell (connect reset). */
  | { kind: 'lost-request' };

/** Where the fake executes market orders (its only market price). */
const MARKET_PRICE = new Dec(100_000);

/**
 * An exchange for application tests, driven by a script of outcomes and faults. Only the calls the
 * order flow makes are supported; anything else throws, so a test cannot silently rely on it. It is
 * no kinder than Upbit: a reused identifier, a volume with more than 8 decimals, a price off the tick
 * grid and a total under the minimum are refused whatever the script says.
 */
export class ScriptedExchangeGateway implements ExchangeGateway {
  /** Every order request received, refused or not, so a test can count what was sent. */
  readonly placed: OrderRequest[] = [];
  private readonly identifiers = new UsedIdentifiers();
  readonly lookups: string[] = [];
  private readonly outcomes = new Map<string, ScriptedOutcome>();
  private readonly orders = new Map<string, ExchangeOrder>();
  private lookupFailures = 0;
  private readonly cancelLag = new Map<string, number>();
  /** How many lookups after a cancel request the exchange still reports the order as working. */
  cancelDelay = 0;
  private trades = 0;

  constructor(
    private readonly now: () => number,
    private readonly feeRate = new Dec('0.0005'),
  ) {}

  script(identifier: string, outcome: ScriptedOutcome): void {
    this.outcomes.set(identifier, outcome);
  }

  /** An order the exchange already holds (placed before the test began, by this system or another). */
  seed(order: ExchangeOrder): void {
    // The exchange has seen its identifier: sending it again must be refused, as Upbit refuses it.
    if (order.identifier !== undefined) this.identifiers.claim(order.identifier);
    this.orders.set(order.identifier ?? order.uuid, order);
  }

  /** The next `count` lookups fail as if the exchange were unreachable. */
  failLookups(count: number): void {
    this.lookupFailures = count;
  }

  async placeOrder(request: OrderRequest): Promise<OrderSubmission> {
    const scripted = this.outcomes.get(request.identifier);
    // Refused by our client before it sent anything (queued past the stale bound): Upbit never saw it.
    if (scripted?.kind === 'stale') throw new StaleOrderError('order', 3_000, 0);
    this.placed.push(request);
    // A lost request counts as seen too: a reset connection may have delivered it, and our side can
    // never tell, so sending the identifier again must fail here as it may on Upbit.
    this.identifiers.claim(request.identifier);
    const outcome = this.outcomes.get(request.identifier) ?? { kind: 'fill' };
    if (outcome.kind === 'lost-request') return { outcome: 'unknown', identifier: request.identifier, reason: 'connection reset before an answer' };
    enforceUpbitOrderTerms(request, this.total(request));
    switch (outcome.kind) {
      case 'reject':
        throw new ExchangeRejectedError(outcome.reason, outcome.reason, `scripted rejection of ${request.identifier}`, 400);
      case 'stale':
        throw new StaleOrderError('order', 3_000, 0);
      case 'lost-answer':
        this.orders.set(request.identifier, this.execute(request, 'all'));
        return { outcome: 'unknown', identifier: request.identifier, reason: 'answer timed out' };
      case 'fill':
      case 'rest':
      case 'partial': {
        const order = this.execute(request, outcome.kind === 'fill' ? 'all' : outcome.kind === 'partial' ? 'half' : 'none');
        this.orders.set(request.identifier, order);
        return { outcome: 'accepted', order: { ...order, fills: [] } };
      }
    }
  }

  async getOrder(reference: OrderReference): Promise<ExchangeOrder> {
    const key = 'identifier' in reference ? reference.identifier : reference.uuid;
    this.lookups.push(key);
    if (this.lookupFailures > 0) {
      this.lookupFailures -= 1;
      throw new ExchangeUnavailableError('GET /order', 'connect ECONNREFUSED', 3);
    }
    const order = this.find(reference);
    const lag = this.cancelLag.get(order.uuid);
    if (lag !== undefined) {
      if (lag > 0) {
        this.cancelLag.set(order.uuid, lag - 1);
        return order;
      }
      this.cancelLag.delete(order.uuid);
      const cancelled = { ...order, state: 'cancel' as const, remainingVolume: new Dec(0) };
      this.orders.set(order.identifier as string, cancelled);
      return cancelled;
    }
    return order;
  }

  /** The market trades through what is left of a resting order. */
  fillRemaining(identifier: string): void {
    const order = this.find({ identifier });
    const price = order.price ?? MARKET_PRICE;
    const fill = { uuid: `trade-${(this.trades += 1)}`, market: order.market, side: order.side, price, volume: order.remainingVolume, funds: price.mul(order.remainingVolume), createdAt: this.now() };
    const executedFunds = (order.executedFunds ?? new Dec(0)).plus(fill.funds);
    this.orders.set(identifier, {
      ...order,
      state: 'done',
      remainingVolume: new Dec(0),
      executedVolume: order.executedVolume.plus(fill.volume),
      executedFunds,
      paidFee: executedFunds.mul(this.feeRate),
      tradesCount: order.tradesCount + 1,
      fills: [...order.fills, fill],
    });
  }

  /** Upbit answers a cancel with the order as it was; a finished order cannot be cancelled (order_not_found). */
  async cancelOrder(reference: OrderReference): Promise<ExchangeOrder> {
    const order = this.find(reference);
    if (order.state === 'done' || order.state === 'cancel') throw new ExchangeNotFoundError('order_not_found', `order ${order.uuid} is closed`);
    this.cancelLag.set(order.uuid, this.cancelDelay);
    return order;
  }

  private find(reference: OrderReference): ExchangeOrder {
    const order =
      'identifier' in reference ? this.orders.get(reference.identifier) : [...this.orders.values()].find((o) => o.uuid === reference.uuid);
    if (!order) throw new ExchangeNotFoundError('order_not_found', `no order ${'identifier' in reference ? reference.identifier : reference.uuid}`);
    return order;
  }

  /** Balances the exchange reports, by currency. */
  readonly balances = new Map<string, Dec>();
  /** Open orders on the account that this system did not place. */
  readonly foreignOrders: ExchangeOrder[] = [];

  async getAccounts(): Promise<AccountBalance[]> {
    return [...this.balances].map(([currency, balance]) => ({
      currency,
      balance,
      locked: new Dec(0),
      avgBuyPrice: new Dec(0),
      avgBuyPriceModified: false,
      unitCurrency: 'KRW',
    }));
  }

  async getOpenOrders(query: OpenOrdersQuery = {}): Promise<ExchangeOrder[]> {
    return [...this.orders.values(), ...this.foreignOrders].filter(
      (o) => (o.state === 'wait' || o.state === 'watch') && (query.market === undefined || o.market === query.market),
    );
  }
  getOrderChance(): never {
    return unsupported('getOrderChance');
  }
  testOrder(): never {
    return unsupported('testOrder');
  }
  /** Upbit lists closed orders without their trades; GET /order gives those. */
  async getClosedOrders(query: ClosedOrdersQuery = {}): Promise<ExchangeOrder[]> {
    return [...this.orders.values()]
      .filter((o) => (o.state === 'done' || o.state === 'cancel') && (query.market === undefined || o.market === query.market))
      .map((o) => ({ ...o, fills: [] }));
  }
  getOrdersByIds(): never {
    return unsupported('getOrdersByIds');
  }
  cancelOrders(): never {
    return unsupported('cancelOrders');
  }
  cancelAllOrders(): never {
    return unsupported('cancelAllOrders');
  }
  replaceOrder(): never {
    return unsupported('replaceOrder');
  }

  /** What the order is worth in KRW: a market buy its funds, a market sell its volume at the market price. */
  private total(request: OrderRequest): Dec {
    if (request.ordType === 'limit') return (request.price ?? new Dec(0)).mul(request.volume ?? 0);
    return request.volume ? request.volume.mul(MARKET_PRICE) : (request.price ?? new Dec(0));
  }

  /** Limit orders fill at their price in two trades; market orders at the market price. */
  private execute(request: OrderRequest, fill: 'all' | 'half' | 'none'): ExchangeOrder {
    const price = request.ordType === 'limit' ? (request.price as Dec) : MARKET_PRICE;
    const volume = request.volume ?? (request.price as Dec).div(price);
    const halves = [volume.div(2).toDecimalPlaces(8, Dec.ROUND_DOWN)];
    halves.push(volume.minus(halves[0] as Dec));
    const fills = halves.slice(0, fill === 'all' ? 2 : fill === 'half' ? 1 : 0).map((part) => ({
          uuid: `trade-${(this.trades += 1)}`,
          market: request.market,
          side: request.side,
          price,
          volume: part,
          funds: price.mul(part),
          createdAt: this.now(),
        }));
    const executedVolume = fills.reduce((sum, f) => sum.plus(f.volume), new Dec(0));
    const executedFunds = fills.reduce((sum, f) => sum.plus(f.funds), new Dec(0));
    return {
      uuid: `uuid-${request.identifier}`,
      identifier: request.identifier,
      market: request.market,
      side: request.side,
      ordType: request.ordType,
      state: fill === 'all' ? 'done' : 'wait',
      ...(request.price ? { price: request.price } : {}),
      ...(request.volume ? { volume: request.volume } : {}),
      remainingVolume: volume.minus(executedVolume),
      executedVolume,
      reservedFee: new Dec(0),
      remainingFee: new Dec(0),
      paidFee: executedFunds.mul(this.feeRate),
      locked: new Dec(0),
      executedFunds,
      tradesCount: fills.length,
      createdAt: this.now(),
      fills,
    };
  }
}

function unsupported(call: string): never {
  throw new Error(`ScriptedExchangeGateway does not support ${call}: the test relies on a call it did not script`);
}
