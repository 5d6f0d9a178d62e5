import type {
  AccountBalance,
  BatchCancelResult,
  CancelAllOrdersRequest,
  ClosedOrdersQuery,
  ExchangeGateway,
  ExchangeOrder,
  OpenOrdersQuery,
  OrderChance,
  OrderReference,
  OrderRequest,
  OrderSubmission,
  OrdersByIdsQuery,
  OrdersToCancel,
  ReplaceOrderRequest,
  ReplaceSubmission,
} from '@trader/application';
import { RequestParams, definedParams } from './auth/query-string';
import { decodeAccounts, decodeBatchCancel, decodeOrder, decodeOrderChance, decodeOrders, decodeReplace } from './decode/exchange-decoders';
import { upbitEndpoints as api } from './rest/upbit-endpoints';
import { OutcomeUnknown, UpbitRestClient } from './rest/upbit-rest-client';

/** The exchange gateway port over Upbit's REST Exchange API. */
export class UpbitExchangeGateway implements ExchangeGateway {
  constructor(private readonly rest: UpbitRestClient) {}

  getAccounts(): Promise<AccountBalance[]> {
    return this.rest.call(api.accounts, [], decodeAccounts);
  }

  getOrderChance(market: string): Promise<OrderChance> {
    return this.rest.call(api.chance, [['market', market]], decodeOrderChance);
  }

  async placeOrder(request: OrderRequest): Promise<OrderSubmission> {
    const result = await this.rest.create(api.placeOrder, orderParams(request), (json) => decodeOrder(json), request.leaveWithinMs);
    if (result instanceof OutcomeUnknown) return { outcome: 'unknown', identifier: request.identifier, reason: result.reason };
    return { outcome: 'accepted', order: result };
  }

  testOrder(request: OrderRequest): Promise<ExchangeOrder> {
    return this.rest.call(api.testOrder, orderParams(request), (json) => decodeOrder(json));
  }

  getOrder(reference: OrderReference): Promise<ExchangeOrder> {
    return this.rest.call(api.order, referenceParams(reference), (json) => decodeOrder(json));
  }

  cancelOrder(reference: OrderReference): Promise<ExchangeOrder> {
    return this.rest.call(api.cancelOrder, referenceParams(reference), (json) => decodeOrder(json));
  }

  getOpenOrders(query: OpenOrdersQuery = {}): Promise<ExchangeOrder[]> {
    const params = definedParams([
      ['market', query.market],
      ['states', query.states],
      ['page', query.page?.toString()],
      ['limit', query.limit?.toString()],
      ['order_by', query.orderBy],
    ]);
    return this.rest.call(api.openOrders, params, (json) => decodeOrders(json));
  }

  getClosedOrders(query: ClosedOrdersQuery = {}): Promise<ExchangeOrder[]> {
    const params = definedParams([
      ['market', query.market],
      ['states', query.states],
      ['start_time', query.startTime === undefined ? undefined : new Date(query.startTime).toISOString()],
      ['end_time', query.endTime === undefined ? undefined : new Date(query.endTime).toISOString()],
      ['limit', query.limit?.toString()],
      ['order_by', query.orderBy],
    ]);
    return this.rest.call(api.closedOrders, params, (json) => decodeOrders(json));
  }

  getOrdersByIds(query: OrdersByIdsQuery): Promise<ExchangeOrder[]> {
    const params = definedParams([
      ['market', query.market],
      'uuids' in query ? ['uuids', query.uuids] : ['identifiers', query.identifiers],
      ['order_by', query.orderBy],
    ]);
    return this.rest.call(api.ordersByIds, params, (json) => decodeOrders(json));
  }

  cancelOrders(orders: OrdersToCancel): Promise<BatchCancelResult> {
    const params: RequestParams = 'uuids' in orders ? [['uuids', orders.uuids]] : [['identifiers', orders.identifiers]];
    return this.rest.call(api.cancelOrders, params, (json) => decodeBatchCancel(json, 'cancel_orders'));
  }

  cancelAllOrders(request: CancelAllOrdersRequest = {}): Promise<BatchCancelResult> {
    const params = definedParams([
      ['cancel_side', request.cancelSide],
      ['pairs', request.pairs?.join(',')],
      ['excluded_pairs', request.excludedPairs?.join(',')],
      ['quote_currencies', request.quoteCurrencies?.join(',')],
      ['count', request.count?.toString()],
      ['order_by', request.orderBy],
    ]);
    return this.rest.call(api.cancelAll, params, (json) => decodeBatchCancel(json, 'cancel_all'));
  }

  async replaceOrder(request: ReplaceOrderRequest): Promise<ReplaceSubmission> {
    const params = definedParams([
      'uuid' in request.previous ? ['prev_order_uuid', request.previous.uuid] : ['prev_order_identifier', request.previous.identifier],
      ['new_ord_type', request.newOrdType],
      ['new_volume', typeof request.newVolume === 'string' ? request.newVolume : request.newVolume?.toFixed()],
      ['new_price', request.newPrice?.toFixed()],
      ['new_identifier', request.newIdentifier],
      ['new_time_in_force', request.newTimeInForce],
      ['new_smp_type', request.newSmpType],
    ]);
    const result = await this.rest.create(api.replaceOrder, params, decodeReplace);
    if (result instanceof OutcomeUnknown) return { outcome: 'unknown', identifier: request.newIdentifier, reason: result.reason };
    return { outcome: 'accepted', ...result };
  }
}

/** POST /orders body, in Upbit's documented field order; decimals as plain strings, never exponents. */
function orderParams(request: OrderRequest): RequestParams {
  return definedParams([
    ['market', request.market],
    ['side', request.side],
    ['volume', request.volume?.toFixed()],
    ['price', request.price?.toFixed()],
    ['ord_type', request.ordType],
    ['identifier', request.identifier],
    ['time_in_force', request.timeInForce],
    ['smp_type', request.smpType],
  ]);
}

function referenceParams(reference: OrderReference): RequestParams {
  return 'uuid' in reference ? [['uuid', reference.uuid]] : [['identifier', reference.identifier]];
}
