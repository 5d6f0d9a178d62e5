import { CommandContext } from '../../ports/aggregate-repository.port';

/** The terms of an order as a caller states them: decimals as strings, validated by the domain. */
export interface OrderTerms {
  readonly market: string;
  readonly side: string;
  readonly orderType: string;
  readonly timeInForce?: string;
  readonly price?: string;
  readonly volume?: string;
  readonly funds?: string;
}

/**
 * Place an order. It is stored as OrderSubmitted before anything is sent; the order execution saga
 * sends it. `orderId` is the client order id (Upbit `identifier`): one id, one order, forever.
 */
export class PlaceOrder {
  constructor(
    readonly orderId: string,
    readonly terms: OrderTerms,
    readonly context: CommandContext = {},
  ) {}
}
