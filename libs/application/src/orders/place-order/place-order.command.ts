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
  /** What one unit is worth now (the last trade): values a market sell for the risk checks. */
  readonly referencePrice?: string;
}

/** Why the order is placed: entries and adds grow exposure (halts and limits stop them), exits reduce it. */
export type PlacementIntent = 'entry' | 'add' | 'exit';

/**
 * Place an order. It passes the trading session and the risk policy, is stored as OrderSubmitted, and
 * the order execution saga sends it. `orderId` is the client order id (Upbit `identifier`): one id, one
 * order, forever. Without an intent, a buy is an entry and a sell an exit. An exit a strategy rule
 * decided names its close reason (`stop_loss`, `trailing_stop`, `crash_exit`, ...): the risk policy's
 * stop-loss guard counts stop-outs by it.
 */
export class PlaceOrder {
  constructor(
    readonly orderId: string,
    readonly terms: OrderTerms,
    readonly context: CommandContext = {},
    readonly intent?: PlacementIntent,
    readonly exitReason?: string,
  ) {}
}
