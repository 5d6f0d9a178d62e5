import { Holding } from '../engine/accounts';
import { Dec, toUpbitString } from '../engine/decimal';
import { Market } from '../engine/market';
import { SimOrder } from '../engine/sim-order';
import { UPBIT_RULES } from '../engine/upbit-rules';
import { kstTimestamp } from '../market-data/time-format';

/** Exchange API numbers are JSON strings ("1000.0"); absent ones are null. */
function amount(value: Dec | undefined): string | null {
  return value === undefined ? null : toUpbitString(value);
}

/** An order as POST /orders, DELETE /order and the order lists return it. */
export function orderView(order: SimOrder): Record<string, unknown> {
  const view: Record<string, unknown> = {
    uuid: order.uuid,
    side: order.side,
    ord_type: order.ordType,
    price: amount(order.price),
    state: order.state,
    market: order.market,
    created_at: kstTimestamp(order.createdAt),
    volume: amount(order.volume),
    remaining_volume: amount(order.remainingVolume),
    executed_volume: toUpbitString(order.executedVolume),
    reserved_fee: toUpbitString(order.reservedFee),
    remaining_fee: toUpbitString(order.remainingFee),
    paid_fee: toUpbitString(order.paidFee),
    locked: toUpbitString(order.locked),
    prevented_volume: toUpbitString(order.preventedVolume),
    prevented_locked: toUpbitString(order.preventedLocked),
    executed_funds: toUpbitString(order.executedFunds),
    trades_count: order.trades.length,
  };
  if (order.timeInForce !== undefined) view['time_in_force'] = order.timeInForce;
  if (order.identifier !== undefined) view['identifier'] = order.identifier;
  if (order.smpType !== undefined) view['smp_type'] = order.smpType;
  return view;
}

/** GET /order: the order with its executions. */
export function orderWithTradesView(order: SimOrder): Record<string, unknown> {
  return {
    ...orderView(order),
    trades: order.trades.map((t) => ({
      market: t.market,
      uuid: t.uuid,
      price: toUpbitString(t.price),
      volume: toUpbitString(t.volume),
      funds: toUpbitString(t.funds),
      trend: t.trend,
      created_at: kstTimestamp(t.createdAt),
      side: t.side,
    })),
  };
}

export function accountView(holding: Holding): Record<string, unknown> {
  return {
    currency: holding.currency,
    balance: toUpbitString(holding.balance),
    locked: toUpbitString(holding.locked),
    avg_buy_price: holding.avgBuyPrice.toFixed(),
    avg_buy_price_modified: false,
    unit_currency: 'KRW',
  };
}

/** GET /orders/chance. */
export function chanceView(market: Market, feeRate: Dec, bid: Holding, ask: Holding): Record<string, unknown> {
  const fee = feeRate.toFixed();
  const quote = market.quoteCurrency;
  const minTotal = UPBIT_RULES.minOrderTotal[quote] ?? '0';
  return {
    bid_fee: fee,
    ask_fee: fee,
    maker_bid_fee: fee,
    maker_ask_fee: fee,
    market: {
      id: market.code,
      name: `${market.baseCurrency}/${quote}`,
      order_types: ['limit'],
      order_sides: ['ask', 'bid'],
      bid_types: ['best_fok', 'best_ioc', 'limit', 'limit_fok', 'limit_ioc', 'price'],
      ask_types: ['best_fok', 'best_ioc', 'limit', 'limit_fok', 'limit_ioc', 'market'],
      bid: { currency: quote, min_total: minTotal },
      ask: { currency: quote, min_total: minTotal },
      max_total: toUpbitString(new Dec(UPBIT_RULES.maxOrderTotal[quote] ?? '0')),
      state: 'active',
    },
    bid_account: accountView(bid),
    ask_account: accountView(ask),
  };
}
