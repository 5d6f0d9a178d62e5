import { TradeRecord } from '../market-data/market-tape';
import { Holding } from './accounts';
import { OrderTrade, SimOrder } from './sim-order';

/** The `state` of a myOrder event (Upbit WebSocket myOrder). */
export type MyOrderState = 'wait' | 'trade' | 'done' | 'cancel' | 'prevented';

export interface MyOrderEvent {
  readonly order: SimOrder;
  readonly state: MyOrderState;
  readonly trade: OrderTrade | undefined;
  readonly at: number;
}

/** What the exchange reports as it runs; the WebSocket hub listens. Calls are synchronous. */
export interface ExchangeListener {
  onTrade(trade: TradeRecord): void;
  onOrderBookChanged(market: string): void;
  onMyOrder(event: MyOrderEvent): void;
  onMyAsset(accountId: string, holdings: readonly Holding[], at: number): void;
}
