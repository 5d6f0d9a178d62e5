import type {
  AccountBalance,
  BatchCancelResult,
  CancelledOrderRef,
  ExchangeOrder,
  OrderChance,
  OrderFill,
  OrderSide,
  OrderType,
  SelfMatchPrevention,
  TimeInForce,
} from '@trader/application';
import { Fields } from './fields';

export const ORDER_SIDES: readonly OrderSide[] = ['bid', 'ask'];
export const ORDER_TYPES: readonly OrderType[] = ['limit', 'price', 'market', 'best'];
export const TIME_IN_FORCE: readonly TimeInForce[] = ['ioc', 'fok', 'post_only'];
export const SMP_TYPES: readonly (SelfMatchPrevention | 'none')[] = ['cancel_maker', 'cancel_taker', 'reduce', 'none'];

export function decodeAccount(value: unknown, path: string): AccountBalance {
  const f = Fields.of(value, path);
  return {
    currency: f.text('currency'),
    balance: f.amount('balance'),
    locked: f.amount('locked'),
    avgBuyPrice: f.amount('avg_buy_price'),
    avgBuyPriceModified: f.bool('avg_buy_price_modified'),
    unitCurrency: f.text('unit_currency'),
  };
}

export function decodeAccounts(value: unknown): AccountBalance[] {
  return Fields.list(value, 'accounts').map((item, i) => decodeAccount(item, `accounts[${i}]`));
}

export function decodeOrderChance(value: unknown): OrderChance {
  const f = Fields.of(value, 'chance');
  const market = f.object('market');
  const bid = market.object('bid');
  const ask = market.object('ask');
  return {
    bidFee: f.amount('bid_fee'),
    askFee: f.amount('ask_fee'),
    makerBidFee: f.amount('maker_bid_fee'),
    makerAskFee: f.amount('maker_ask_fee'),
    market: {
      market: market.text('id'),
      orderTypes: market.has('order_types') ? market.textList('order_types') : [],
      orderSides: market.textList('order_sides'),
      bidTypes: market.has('bid_types') ? market.textList('bid_types') : [],
      askTypes: market.has('ask_types') ? market.textList('ask_types') : [],
      bid: { currency: bid.text('currency'), minTotal: bid.amount('min_total') },
      ask: { currency: ask.text('currency'), minTotal: ask.amount('min_total') },
      maxTotal: market.amount('max_total'),
      state: market.text('state'),
    },
    bidAccount: decodeAccount(f.raw('bid_account'), 'chance.bid_account'),
    askAccount: decodeAccount(f.raw('ask_account'), 'chance.ask_account'),
  };
}

function decodeFill(value: unknown, path: string): OrderFill {
  const f = Fields.of(value, path);
  const trend = f.optionalText('trend');
  return {
    uuid: f.text('uuid'),
    market: f.text('market'),
    side: f.oneOf('side', ORDER_SIDES),
    price: f.amount('price'),
    volume: f.amount('volume'),
    funds: f.amount('funds'),
    ...(trend !== undefined ? { trend } : {}),
    createdAt: f.isoTime('created_at'),
  };
}

export function decodeOrder(value: unknown, path = 'order'): ExchangeOrder {
  const f = Fields.of(value, path);
  const smp = f.optionalOneOf('smp_type', SMP_TYPES);
  const optional = {
    identifier: f.optionalText('identifier'),
    price: f.optionalAmount('price'),
    volume: f.optionalAmount('volume'),
    executedFunds: f.optionalAmount('executed_funds'),
    timeInForce: f.optionalOneOf('time_in_force', TIME_IN_FORCE),
    smpType: smp === 'none' ? undefined : smp,
    preventedVolume: f.optionalAmount('prevented_volume'),
  };
  const executedVolume = f.amount('executed_volume');
  // A market buy spends funds and has no volume: Upbit sends volume and remaining_volume as null.
  const remainingVolume = f.optionalAmount('remaining_volume') ?? optional.volume?.minus(executedVolume) ?? executedVolume.mul(0);
  return {
    uuid: f.text('uuid'),
    market: f.text('market'),
    side: f.oneOf('side', ORDER_SIDES),
    ordType: f.oneOf('ord_type', ORDER_TYPES),
    state: f.oneOf('state', ['wait', 'watch', 'done', 'cancel'] as const),
    remainingVolume,
    executedVolume,
    reservedFee: f.amount('reserved_fee'),
    remainingFee: f.amount('remaining_fee'),
    paidFee: f.amount('paid_fee'),
    locked: f.amount('locked'),
    tradesCount: f.integer('trades_count'),
    createdAt: f.isoTime('created_at'),
    fills: f.optionalList('trades').map((item, i) => decodeFill(item, `${path}.trades[${i}]`)),
    ...withoutUndefined(optional),
  };
}

export function decodeOrders(value: unknown, path = 'orders'): ExchangeOrder[] {
  return Fields.list(value, path).map((item, i) => decodeOrder(item, `${path}[${i}]`));
}

function decodeCancelledRefs(value: unknown, path: string): CancelledOrderRef[] {
  return Fields.list(value, path).map((item, i) => {
    const f = Fields.element(item, path, i);
    const identifier = f.optionalText('identifier');
    return { uuid: f.text('uuid'), market: f.text('market'), ...(identifier !== undefined ? { identifier } : {}) };
  });
}

/** DELETE /orders/uuids and DELETE /orders/open: `{ success: { count, orders }, failed: { count, orders } }`. */
export function decodeBatchCancel(value: unknown, what: string): BatchCancelResult {
  const f = Fields.of(value, what);
  const success = f.object('success');
  const failed = f.object('failed');
  return {
    succeeded: decodeCancelledRefs(success.raw('orders'), `${what}.success.orders`),
    failed: decodeCancelledRefs(failed.raw('orders'), `${what}.failed.orders`),
  };
}

export function decodeReplace(value: unknown): { cancelled: ExchangeOrder; newOrderUuid: string; newIdentifier?: string } {
  const f = Fields.of(value, 'cancel_and_new');
  const newIdentifier = f.optionalText('new_order_identifier');
  return {
    cancelled: decodeOrder(value, 'cancel_and_new'),
    newOrderUuid: f.text('new_order_uuid'),
    ...(newIdentifier !== undefined ? { newIdentifier } : {}),
  };
}

/** Keeps optional fields absent instead of present-but-undefined, so results compare cleanly. */
export function withoutUndefined<T extends Record<string, unknown>>(record: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
