import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Dec } from '@trader/domain';
import { TickerBoard, TickerSource } from '../../live-state/ticker-board';
import { GetPositions } from './get-positions.query';
import { PositionView, TRADING_READ_MODELS, TradingReadModels } from '../read-models.port';

export interface ValuedPosition extends PositionView {
  /** Last trade price of the market, or null when the exchange could not tell. */
  readonly markPrice: string | null;
  /** mark x quantity - cost basis; null without a mark. */
  readonly unrealizedPnl: string | null;
  /** Where the mark came from, when it is epoch ms true at, and whether the stream behind it is down. */
  readonly markSource: TickerSource | null;
  readonly markAsOf: number | null;
  readonly markStale: boolean | null;
}

/** Positions from the read model, valued at the last trade price the trader keeps (the ticker board). */
@QueryHandler(GetPositions)
export class GetPositionsHandler implements IQueryHandler<GetPositions, ValuedPosition[]> {
  constructor(
    @Inject(TRADING_READ_MODELS) private readonly readModels: TradingReadModels,
    private readonly board: TickerBoard,
  ) {}

  async execute(): Promise<ValuedPosition[]> {
    const positions = await this.readModels.positions();
    const held = positions.filter((p) => new Dec(p.quantity).gt(0)).map((p) => p.market);
    const marks = new Map((held.length > 0 ? await this.board.tickers(held) : []).map((t) => [t.market, t]));
    return positions.map((position) => {
      const mark = marks.get(position.market);
      const unrealized = mark ? mark.tradePrice.mul(position.quantity).minus(position.costBasis) : null;
      return {
        ...position,
        markPrice: mark?.tradePrice.toFixed() ?? null,
        unrealizedPnl: unrealized?.toFixed() ?? null,
        markSource: mark?.source ?? null,
        markAsOf: mark?.asOf ?? null,
        markStale: mark?.stale ?? null,
      };
    });
  }
}
