import { enumParser } from '../shared/enum-parser';

/**
 * limit: price and volume. market: a buy spends `funds` of the quote currency (Upbit ord_type `price`),
 * a sell sells `volume` (Upbit `market`). best: at the best price, needs time in force ioc or fok.
 */
export const ORDER_TYPES = ['limit', 'market', 'best'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];
export const parseOrderType = enumParser<OrderType>('order type', ORDER_TYPES);
