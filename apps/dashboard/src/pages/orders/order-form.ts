import type { paths } from '../../api/schema';

/** The body POST /api/v1/orders takes, from the server's OpenAPI document. */
export type PlaceOrderBody = paths['/api/v1/orders']['post']['requestBody']['content']['application/json'];
export type OrderSide = PlaceOrderBody['side'];
export type OrderType = PlaceOrderBody['orderType'];
export type TimeInForce = NonNullable<PlaceOrderBody['timeInForce']>;

/** What the manual order form holds: every input as typed, amounts as the text the operator entered. */
export interface OrderFormValues {
  readonly market: string;
  readonly side: OrderSide;
  readonly orderType: OrderType;
  readonly price: string;
  readonly volume: string;
  readonly funds: string;
  /** '' leaves the choice to the server (gtc for limit orders). */
  readonly timeInForce: TimeInForce | '';
}

export type AmountField = 'price' | 'volume' | 'funds';

export const timeInForceChoices: readonly TimeInForce[] = ['gtc', 'ioc', 'fok', 'post_only'];

/**
 * Which amounts an order of this type and side is given by (Upbit's order types): a limit order a
 * price and a volume; a market or best buy the funds it spends; a market or best sell its volume.
 */
export function amountFields(orderType: OrderType, side: OrderSide): readonly AmountField[] {
  if (orderType === 'limit') return ['price', 'volume'];
  return side === 'buy' ? ['funds'] : ['volume'];
}

/** Market orders take no time in force; limit and best orders do. */
export function takesTimeInForce(orderType: OrderType): boolean {
  return orderType !== 'market';
}

export function emptyOrderForm(market: string): OrderFormValues {
  return { market, side: 'buy', orderType: 'limit', price: '', volume: '', funds: '', timeInForce: '' };
}

/**
 * The request the form sends: only the amounts its type uses, as typed (trimmed). Nothing is checked
 * here on purpose: the server validates, and its answer names the field that is wrong.
 */
export function placeOrderRequest(values: OrderFormValues): PlaceOrderBody {
  const body: PlaceOrderBody = { market: values.market.trim(), side: values.side, orderType: values.orderType };
  for (const field of amountFields(values.orderType, values.side)) {
    const amount = values[field].trim();
    if (amount !== '') body[field] = amount;
  }
  if (values.timeInForce !== '' && takesTimeInForce(values.orderType)) body.timeInForce = values.timeInForce;
  return body;
}
