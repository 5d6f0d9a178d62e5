import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetStrategies } from './get-strategies.query';
import { StrategySummary, TRADING_READ_MODELS, TradingReadModels } from './read-models.port';

@QueryHandler(GetStrategies)
export class GetStrategiesHandler implements IQueryHandler<GetStrategies, StrategySummary[]> {
  constructor(@Inject(TRADING_READ_MODELS) private readonly readModels: TradingReadModels) {}

  execute(): Promise<StrategySummary[]> {
    return this.readModels.strategies();
  }
}
