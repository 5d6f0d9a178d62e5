import { MARKET_DATA_QUERIES, POSITION_REPOSITORY, STRATEGY_REPOSITORY, StrategyActivation, StrategyRunner, TIMEFRAME_MS } from '@trader/application';
import type { MarketDataQueries, PositionRepository, StoredEvent, StrategyRepository } from '@trader/application';
import { errorMessage, RUNTIME_LOGGER } from '@trader/runtime';
import type { RuntimeLogger } from '@trader/runtime';
import { LaneHandler } from '@trader/events';
import { Inject, Injectable } from '@nestjs/common';
import { warmUpCandles } from '../warm-up-candles';

/**
 * Loads enabled strategies into the runner and unloads disabled ones (config lane). A strategy that
 * starts running gets its markets' recorded state back (position, management state) and its
 * indicators warmed up on the exchange's recent candles, so it can decide on the first live trade.
 */
@LaneHandler({ name: 'strategy-activation', lane: 'medium-config', eventTypes: ['StrategyDefined', 'StrategyRevised', 'StrategyEnabled', 'StrategyDisabled'] })
@Injectable()
export class StrategyActivationLaneHandler {
  private readonly activation: StrategyActivation;

  constructor(
    @Inject(STRATEGY_REPOSITORY) strategies: StrategyRepository,
    private readonly runner: StrategyRunner,
    @Inject(POSITION_REPOSITORY) private readonly positions: PositionRepository,
    @Inject(MARKET_DATA_QUERIES) private readonly marketData: MarketDataQueries,
    @Inject(RUNTIME_LOGGER) private readonly logger: RuntimeLogger,
  ) {
    this.activation = new StrategyActivation(strategies, runner);
  }

  async handle(event: StoredEvent): Promise<void> {
    const before = new Set(this.runner.markets());
    await this.activation.handle(event);
    for (const market of this.runner.markets()) {
      if (before.has(market)) continue;
      await this.runner.restoreMarket(market, this.positions, []);
      const timeframe = this.runner.timeframeOf(market);
      if (!timeframe) continue;
      try {
        this.runner.warmUp(market, await warmUpCandles(this.marketData, market, timeframe, TIMEFRAME_MS[timeframe]));
      } catch (error) {
        // Without history the strategy still runs; its indicators fill from live trades.
        this.logger.warn(`no warm-up candles for ${market}: ${errorMessage(error)}`);
      }
    }
  }
}
