import { Exchange } from '../engine/exchange';
import { SimOrder } from '../engine/sim-order';
import { UpbitApiError, validationError } from '../engine/upbit-api-error';
import { accountView, chanceView, orderView, orderWithTradesView } from './exchange-views';
import { intParam, listParam, stringParam } from './request-params';
import { Route, RouteContext, created, ok } from './rest-types';

const DAY_MS = 86_400_000;

function lookupOf(params: RouteContext['request']['params']): { uuid?: string; identifier?: string } {
  const uuid = stringParam(params, 'uuid');
  const identifier = stringParam(params, 'identifier');
  if (uuid === undefined && identifier === undefined) throw validationError('uuid', undefined);
  return uuid !== undefined ? { uuid } : { identifier };
}

function sortByCreation(orders: readonly SimOrder[], params: RouteContext['request']['params']): SimOrder[] {
  const orderBy = stringParam(params, 'order_by') ?? 'desc';
  if (orderBy !== 'asc' && orderBy !== 'desc') throw validationError('order_by', orderBy);
  const sorted = [...orders].sort((a, b) => a.createdAt - b.createdAt);
  return orderBy === 'desc' ? sorted.reverse() : sorted;
}

function statesParam(params: RouteContext['request']['params'], allowed: string[]): string[] {
  const states = listParam(params, 'states') ?? (stringParam(params, 'state') !== undefined ? [stringParam(params, 'state') as string] : allowed);
  for (const state of states) if (!allowed.includes(state)) throw validationError('state', state);
  return states;
}

function timeParam(params: RouteContext['request']['params'], key: string): number | undefined {
  const text = stringParam(params, key);
  if (text === undefined) return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (Number.isNaN(ms)) throw validationError(key, text);
  return ms;
}

/** Exchange API (JWT; groups default, order, order-test, order-cancel-all). */
export function exchangeRoutes(exchange: Exchange, now: () => number): Route[] {
  const route = (method: string, pattern: string, group: Route['group'], handle: Route['handle']): Route => ({
    method,
    pattern,
    group,
    authenticated: true,
    handle,
  });
  const marketFilter = (ctx: RouteContext): ((o: SimOrder) => boolean) => {
    const market = stringParam(ctx.request.params, 'market');
    return (o) => market === undefined || o.market === market;
  };
  const cancelMany = (ctx: RouteContext, orders: SimOrder[]): Record<string, unknown> => {
    const done = orders.map((o) => exchange.cancelOrder(ctx.accountId, { uuid: o.uuid }));
    const summary = (o: SimOrder): Record<string, unknown> => ({ uuid: o.uuid, market: o.market, identifier: o.identifier ?? null });
    return { success: { count: done.length, orders: done.map(summary) }, failed: { count: 0, orders: [] } };
  };

  return [
    route('GET', '/accounts', 'default', (ctx) =>
      ok(
        exchange
          .holdings(ctx.accountId)
          .filter((h) => h.currency === 'KRW' || !h.balance.plus(h.locked).isZero())
          .map(accountView),
      ),
    ),
    route('GET', '/orders/chance', 'default', (ctx) => {
      const code = stringParam(ctx.request.params, 'market');
      const market = code === undefined ? undefined : exchange.market(code);
      if (market === undefined) throw validationError('market', code);
      const account = exchange.account(ctx.accountId);
      return ok(chanceView(market, exchange.feeRate(market.quoteCurrency), account.holding(market.quoteCurrency), account.holding(market.baseCurrency)));
    }),
    route('POST', '/orders', 'order', (ctx) => created(orderView(exchange.placeOrder(ctx.accountId, { ...ctx.request.params })))),
    route('POST', '/orders/test', 'order-test', (ctx) =>
      created(orderView(exchange.placeOrder(ctx.accountId, { ...ctx.request.params }, true))),
    ),
    route('DELETE', '/order', 'default', (ctx) => ok(orderView(exchange.cancelOrder(ctx.accountId, lookupOf(ctx.request.params))))),
    route('GET', '/order', 'default', (ctx) => ok(orderWithTradesView(exchange.getOrder(ctx.accountId, lookupOf(ctx.request.params))))),
    route('GET', '/orders/open', 'default', (ctx) => {
      const params = ctx.request.params;
      const states = statesParam(params, ['wait', 'watch']);
      const limit = intParam(params, 'limit', 100, 1, 100);
      const page = intParam(params, 'page', 1, 1, Number.MAX_SAFE_INTEGER);
      const orders = exchange.ordersOf(ctx.accountId).filter((o) => states.includes(o.state) && marketFilter(ctx)(o));
      return ok(sortByCreation(orders, params).slice((page - 1) * limit, page * limit).map(orderView));
    }),
    route('GET', '/orders/closed', 'default', (ctx) => {
      const params = ctx.request.params;
      const states = statesParam(params, ['done', 'cancel']);
      const limit = intParam(params, 'limit', 100, 1, 1000);
      const start = timeParam(params, 'start_time');
      const end = timeParam(params, 'end_time');
      const to = end ?? (start !== undefined ? start + 7 * DAY_MS : now());
      const from = start ?? to - 7 * DAY_MS;
      if (to - from > 7 * DAY_MS || to < from) {
        throw new UpbitApiError(400, 'validation_error', 'start_time and end_time must be at most 7 days apart', { from, to });
      }
      const orders = exchange
        .ordersOf(ctx.accountId)
        .filter((o) => states.includes(o.state) && marketFilter(ctx)(o) && o.createdAt >= from && o.createdAt <= to);
      return ok(sortByCreation(orders, params).slice(0, limit).map(orderView));
    }),
    route('GET', '/orders/uuids', 'default', (ctx) => {
      const params = ctx.request.params;
      const uuids = listParam(params, 'uuids');
      const identifiers = listParam(params, 'identifiers');
      if (uuids === undefined && identifiers === undefined) throw validationError('uuids', undefined);
      const wanted = (uuids ?? identifiers ?? []).slice(0, 100);
      const orders = wanted
        .map((id) => exchange.tryFindOrder(ctx.accountId, uuids !== undefined ? { uuid: id } : { identifier: id }))
        .filter((o): o is SimOrder => o !== undefined && marketFilter(ctx)(o));
      return ok(sortByCreation(orders, params).map(orderView));
    }),
    route('DELETE', '/orders/uuids', 'default', (ctx) => {
      const params = ctx.request.params;
      const uuids = listParam(params, 'uuids');
      const identifiers = listParam(params, 'identifiers');
      if (uuids === undefined && identifiers === undefined) throw validationError('uuids', undefined);
      const wanted = uuids ?? identifiers ?? [];
      if (wanted.length > 20) throw validationError('uuids', wanted.length);
      const found = wanted.map((id) => ({ id, order: exchange.tryFindOrder(ctx.accountId, uuids !== undefined ? { uuid: id } : { identifier: id }) }));
      const open = found.filter((f) => f.order?.state === 'wait').map((f) => f.order as SimOrder);
      const result = cancelMany(ctx, open);
      const failed = found.filter((f) => f.order?.state !== 'wait');
      return ok({
        ...result,
        failed: { count: failed.length, orders: failed.map((f) => ({ uuid: f.order?.uuid ?? f.id, market: f.order?.market ?? null, identifier: f.order?.identifier ?? null })) },
      });
    }),
    route('DELETE', '/orders/open', 'order-cancel-all', (ctx) => {
      const params = ctx.request.params;
      const side = stringParam(params, 'cancel_side') ?? 'all';
      if (!['all', 'ask', 'bid'].includes(side)) throw validationError('cancel_side', side);
      const pairs = stringParam(params, 'pairs')?.split(',');
      const excluded = stringParam(params, 'excluded_pairs')?.split(',') ?? [];
      const quotes = stringParam(params, 'quote_currencies')?.split(',');
      const count = intParam(params, 'count', 20, 1, 300);
      const open = exchange
        .ordersOf(ctx.accountId)
        .filter((o) => o.state === 'wait')
        .filter((o) => side === 'all' || o.side === side)
        .filter((o) => (pairs === undefined || pairs.includes(o.market)) && !excluded.includes(o.market))
        .filter((o) => quotes === undefined || quotes.includes(o.quoteCurrency));
      return ok(cancelMany(ctx, sortByCreation(open, params).slice(0, count)));
    }),
    route('POST', '/orders/cancel_and_new', 'order', (ctx) => {
      const { cancelled, created: next } = exchange.cancelAndNew(ctx.accountId, { ...ctx.request.params });
      return created({ ...orderView(cancelled), new_order_uuid: next.uuid, new_order_identifier: next.identifier ?? null });
    }),
  ];
}
