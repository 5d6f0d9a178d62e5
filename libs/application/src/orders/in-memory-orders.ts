import { Dec } from '@trader/domain';
import { ExchangeNotFoundError } from '../ports/exchange-gateway.errors';
import { ExchangeGateway } from '../ports/exchange-gateway.port';
import {
  CancelAllOrdersRequest,
  ClosedOrdersQuery,
  OpenOrdersQuery,
  OrderChance,
  OrderReference,
  OrdersByIdsQuery,
  ReplaceOrderRequest,
  ReplaceSubmission,
} from '../ports/exchange-gateway.types';
import { BookOrder, UpbitAccountBook } from './upbit-account-book';

/** The orders an in-memory exchange holds, found and listed as Upbit's order queries answer. */
export class InMemoryOrders<O extends BookOrder> {
  private readonly byUuid = new Map<string, O>();
  private readonly byIdentifier = new Map<string, O>();

  add(order: O): void {
    this.byUuid.set(order.uuid, order);
    this.byIdentifier.set(order.request.identifier, order);
  }

  all(): IterableIterator<O> {
    return this.byUuid.values();
  }

  find(reference: OrderReference): O {
    const order = 'uuid' in reference ? this.byUuid.get(reference.uuid) : this.byIdentifier.get(reference.identifier);
    if (!order) throw new ExchangeNotFoundError('order_not_found', `no order ${'uuid' in reference ? reference.uuid : reference.identifier}`);
    return order;
  }

  open(query: OpenOrdersQuery = {}): O[] {
    return [...this.byUuid.values()].filter((o) => o.state === 'wait' && (!query.market || o.request.market === query.market));
  }

  closed(query: ClosedOrdersQuery = {}): O[] {
    return [...this.byUuid.values()].filter((o) => (o.state === 'done' || o.state === 'cancel') && (!query.market || o.request.market === query.market));
  }

  byIds(query: OrdersByIdsQuery): O[] {
    const found = 'uuids' in query ? query.uuids.map((uuid) => this.byUuid.get(uuid)) : query.identifiers.map((identifier) => this.byIdentifier.get(identifier));
    return found.filter((o): o is O => o !== undefined);
  }

  /** The open orders a cancel-all request covers. */
  cancelAllTargets(request: CancelAllOrdersRequest = {}): O[] {
    const side = request.cancelSide ?? 'all';
    return this.open().filter(
      (o) => (side === 'all' || o.request.side === side) && (!request.pairs || request.pairs.includes(o.request.market)) && !(request.excludedPairs ?? []).includes(o.request.market),
    );
  }
}

/** Upbit's cancel-and-new as an in-memory exchange does it: cancel the previous order, place the new one. */
export async function replaceByCancelAndPlace(gateway: ExchangeGateway, previous: BookOrder, request: ReplaceOrderRequest): Promise<ReplaceSubmission> {
  const cancelled = await gateway.cancelOrder({ uuid: previous.uuid });
  const volume = request.newVolume === 'remain_only' ? previous.remainingVolume : request.newVolume;
  const submission = await gateway.placeOrder({
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

/** What Upbit's order chance answers for a market of an in-memory exchange. */
export function inMemoryOrderChance(
  market: string,
  fee: Dec,
  minTotal: Dec,
  book: UpbitAccountBook,
  types: { readonly bid: OrderChance['market']['bidTypes']; readonly ask: OrderChance['market']['askTypes'] },
): OrderChance {
  const [quote = '', base = ''] = market.split('-');
  return {
    bidFee: fee,
    askFee: fee,
    makerBidFee: fee,
    makerAskFee: fee,
    market: {
      market,
      orderTypes: ['limit'],
      orderSides: ['ask', 'bid'],
      bidTypes: types.bid,
      askTypes: types.ask,
      bid: { currency: quote, minTotal },
      ask: { currency: quote, minTotal },
      maxTotal: new Dec('1000000000'),
      state: 'active',
    },
    bidAccount: book.account(quote),
    askAccount: book.account(base),
  };
}
