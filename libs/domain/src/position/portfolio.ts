import { Dec } from '../shared/decimal';
import { PositionState, unrealizedPnl } from './position.state';

export interface PortfolioValuation {
  /** Realised PnL of every market, gross of fees. */
  readonly realizedPnl: Dec;
  /** Mark-to-market PnL of the open positions. */
  readonly unrealizedPnl: Dec;
  readonly fees: Dec;
  /** realised + unrealised - fees. */
  readonly netPnl: Dec;
  /** Markets holding a position without a mark price: their unrealised PnL is not counted. */
  readonly unmarked: readonly string[];
}

/**
 * Values positions of one quote currency (the portfolio of a quote market, KRW say) at the given marks.
 * Mixing quote currencies would add KRW to BTC; callers group by quote first.
 */
export function valuePortfolio(positions: readonly PositionState[], marks: ReadonlyMap<string, Dec>): PortfolioValuation {
  let realized = new Dec(0);
  let unrealized = new Dec(0);
  let fees = new Dec(0);
  const unmarked: string[] = [];
  for (const position of positions) {
    realized = realized.plus(position.realizedPnl);
    fees = fees.plus(position.fees);
    if (position.quantity.isZero() || position.market === null) continue;
    const mark = marks.get(position.market);
    if (mark) unrealized = unrealized.plus(unrealizedPnl(position, mark));
    else unmarked.push(position.market);
  }
  return { realizedPnl: realized, unrealizedPnl: unrealized, fees, netPnl: realized.plus(unrealized).minus(fees), unmarked };
}
