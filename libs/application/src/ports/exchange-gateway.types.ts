import type { Dec } from '@trader/domain';

/**
 * Plain data the exchange gateway speaks. Amounts are exact decimals (the domain's `Dec`), market codes are Upbit's
 * `QUOTE-BASE` strings (`KRW-BTC`), times are epoch milliseconds; the domain maps them onto its
 * value objects.
 */
export type OrderSide = 'bid' | 'ask';
/** `limit`: price + volume; `price`: market buy spending `price`; `market`: market sell of `volume`; `best`: best price, needs ioc|fok. */
export type OrderType = 'limit' | 'price' | 'market' | 'best';
export type TimeInForce = 'ioc' | 'fok' | 'post_only';
export type SelfMatchPrevention = 'cancel_maker' | 'cancel_taker' | 'reduce';
export type ExchangeOrderState = 'wait' | 'watch' | 'done' | 'cancel';
export type SortOrder = 'asc' | 'desc';

export interface AccountBalance {
  readonly currency: string;
  readonly balance: Dec;
  readonly locked: Dec;
  readonly avgBuyPrice: Dec;
  readonly avgBuyPriceModified: boolean;
  readonly unitCurrency: string;
}

export interface MarketOrderRules {
  readonly market: string;
  readonly orderTypes: readonly string[];
  readonly orderSides: readonly string[];
  readonly bidTypes: readonly string[];
  readonly askTypes: readonly string[];
  readonly bid: { readonly currency: string; readonly minTotal: Dec };
  readonly ask: { readonly currency: string; readonly minTotal: Dec };
  readonly maxTotal: Dec;
  readonly state: string;
}

/** GET /orders/chance: the fees and limits that apply to the account on one market. */
export interface OrderChance {
  readonly bidFee: Dec;
  readonly askFee: Dec;
  readonly makerBidFee: Dec;
  readonly makerAskFee: Dec;
  readonly market: MarketOrderRules;
  readonly bidAccount: AccountBalance;
  readonly askAccount: AccountBalance;
}

/** An order to send. `identifier` is our client order id: unique forever, never reused. */
export interface OrderRequest {
  readonly market: string;
  readonly side: OrderSide;
  readonly ordType: OrderType;
  readonly volume?: Dec;
  readonly price?: Dec;
  readonly identifier: string;
  readonly timeInForce?: TimeInForce;
  readonly smpType?: SelfMatchPrevention;
  /**
   * How much longer the order may wait (for its rate-limit slot) before it must leave; past it the
   * client refuses it as stale and never sends it. The caller's own deadline, when tighter than the
   * client's configured bound: an order submitted seconds ago has less time left than a fresh one.
   */
  readonly leaveWithinMs?: number;
}

export interface OrderFill {
  readonly uuid: string;
  readonly market: string;
  readonly side: OrderSide;
  readonly price: Dec;
  readonly volume: Dec;
  readonly funds: Dec;
  readonly trend?: string;
  readonly createdAt: number;
}

/** An order as Upbit reports it. `fills` is only filled in by `getOrder`. */
export interface ExchangeOrder {
  readonly uuid: string;
  readonly identifier?: string;
  readonly market: string;
  readonly side: OrderSide;
  readonly ordType: OrderType;
  readonly state: ExchangeOrderState;
  readonly price?: Dec;
  readonly volume?: Dec;
  readonly remainingVolume: Dec;
  readonly executedVolume: Dec;
  readonly reservedFee: Dec;
  readonly remainingFee: Dec;
  readonly paidFee: Dec;
  readonly locked: Dec;
  readonly executedFunds?: Dec;
  readonly tradesCount: number;
  readonly timeInForce?: TimeInForce;
  readonly smpType?: SelfMatchPrevention;
  readonly preventedVolume?: Dec;
  readonly createdAt: number;
  readonly fills: readonly OrderFill[];
}

/** Where Upbit identifies an order: by its uuid or by our identifier. */
export type OrderReference = { readonly uuid: string } | { readonly identifier: string };

/** The result of sending an order that may or may not have reached the matching engine. */
export type OrderSubmission =
  | { readonly outcome: 'accepted'; readonly order: ExchangeOrder }
  | {
      /**
       * The request left this process but no answer came back (time-out, reset, 5xx, 429): the order
       * may exist. Resolve it by looking it up by `identifier`; never send it again.
       */
      readonly outcome: 'unknown';
      readonly identifier: string;
      readonly reason: string;
    };

export interface OpenOrdersQuery {
  readonly market?: string;
  readonly states?: readonly ('wait' | 'watch')[];
  readonly page?: number;
  readonly limit?: number;
  readonly orderBy?: SortOrder;
}

export interface ClosedOrdersQuery {
  readonly market?: string;
  readonly states?: readonly ('done' | 'cancel')[];
  /** Epoch ms; Upbit allows at most a 7-day window. */
  readonly startTime?: number;
  readonly endTime?: number;
  readonly limit?: number;
  readonly orderBy?: SortOrder;
}

export type OrdersByIdsQuery = {
  readonly market?: string;
  readonly orderBy?: SortOrder;
} & ({ readonly uuids: readonly string[] } | { readonly identifiers: readonly string[] });

export type OrdersToCancel = { readonly uuids: readonly string[] } | { readonly identifiers: readonly string[] };

export interface CancelAllOrdersRequest {
  readonly cancelSide?: 'all' | 'ask' | 'bid';
  readonly pairs?: readonly string[];
  readonly excludedPairs?: readonly string[];
  readonly quoteCurrencies?: readonly string[];
  readonly count?: number;
  readonly orderBy?: SortOrder;
}

export interface CancelledOrderRef {
  readonly uuid: string;
  readonly market: string;
  readonly identifier?: string;
}

export interface BatchCancelResult {
  readonly succeeded: readonly CancelledOrderRef[];
  readonly failed: readonly CancelledOrderRef[];
}

/** POST /orders/cancel_and_new: cancel one order and place its replacement in one request. */
export interface ReplaceOrderRequest {
  readonly previous: OrderReference;
  readonly newOrdType: OrderType;
  /** A volume, or `'remain_only'` to reuse the remaining volume of the cancelled order. */
  readonly newVolume?: Dec | 'remain_only';
  readonly newPrice?: Dec;
  readonly newIdentifier: string;
  readonly newTimeInForce?: TimeInForce;
  readonly newSmpType?: SelfMatchPrevention;
}

export type ReplaceSubmission =
  | { readonly outcome: 'accepted'; readonly cancelled: ExchangeOrder; readonly newOrderUuid: string; readonly newIdentifier?: string }
  | { readonly outcome: 'unknown'; readonly identifier: string; readonly reason: string };

/** A change to one of our orders, pushed by the exchange (Upbit `myOrder`). */
export interface OrderUpdate {
  readonly kind: 'order-update';
  readonly market: string;
  readonly uuid: string;
  readonly identifier?: string;
  readonly side: OrderSide;
  readonly ordType: OrderType;
  /** `trade` reports one fill (then `tradeUuid`, `price` = fill price, `tradeFee`, `isMaker` are set). */
  readonly state: 'wait' | 'watch' | 'trade' | 'done' | 'cancel' | 'prevented';
  readonly tradeUuid?: string;
  readonly price?: Dec;
  readonly avgPrice?: Dec;
  readonly volume?: Dec;
  readonly remainingVolume?: Dec;
  readonly executedVolume: Dec;
  readonly tradesCount: number;
  readonly reservedFee?: Dec;
  readonly remainingFee?: Dec;
  readonly paidFee?: Dec;
  readonly locked?: Dec;
  readonly executedFunds?: Dec;
  readonly tradeFee?: Dec;
  readonly isMaker?: boolean;
  readonly timeInForce?: TimeInForce;
  readonly tradeTimestamp?: number;
  readonly orderTimestamp?: number;
  readonly timestamp: number;
}

/** A change of balances, pushed by the exchange (Upbit `myAsset`). */
export interface AssetUpdate {
  readonly kind: 'asset-update';
  readonly assetUuid: string;
  readonly assets: readonly { readonly currency: string; readonly balance: Dec; readonly locked: Dec }[];
  readonly assetTimestamp: number;
  readonly timestamp: number;
}
