import { APPLICATION_CLOCK, MARKET_DATA_QUERIES, POSITION_REPOSITORY, STRATEGY_REPOSITORY, StrategyRunner, TIMEFRAME_MS } from '@trader/application';
import type { MarketDataQueries, PositionRepository, StrategyRepository } from '@trader/application';
import type { Clock, Timeframe } from '@trader/domain';
import { errorMessage, RUNTIME_LOGGER } from '@trader/runtime';
import type { RuntimeLogger } from '@trader/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { WarmUpCandle, warmUpCandles } from './warm-up-candles';

/** Told the candles a strategy was warmed up on (the market recording keeps them for replays). */
export type WarmUpListener = (market: string, timeframe: Timeframe, candles: readonly WarmUpCandle[]) => void;

/**
 * Puts a strategy's current definition into the runner, or takes it out when disabled. A strategy that
 * starts running gets its markets' recorded state back (position, management state) and its
 * indicators warmed up on the exchange's recent candles, so it can decide on the first live trade.
 * The runner lives in memory: at start-up every enabled strategy is loaded again through here.
 */
@Injectable()
export class StrategyLoader {
  constructor(
    @Inject(STRATEGY_REPOSITORY) private readonly strategies: StrategyRepository,
    private readonly runner: StrategyRunner,
    @Inject(POSITION_REPOSITORY) private readonly positions: PositionRepository,
    @Inject(MARKET_DATA_QUERIES) private readonly marketData: MarketDataQueries,
    @Inject(RUNTIME_LOGGER) private readonly logger: RuntimeLogger,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  private warmUpListener: WarmUpListener | null = null;

  /** Set by the trading component while it records the market: a replay warms up on the same candles. */
  onWarmUp(listener: WarmUpListener | null): void {
    this.warmUpListener = listener;
  }

  async refresh(strategyId: string): Promise<void> {
    const { state } = await this.strategies.load(strategyId);
    const before = new Set(this.runner.markets());
    this.runner.unload(strategyId);
    if (state.status !== 'defined' || !state.definition.enabled) return;
    this.runner.load(state.definition);
    for (const market of state.definition.markets) {
      await this.runner.restoreMarket(market, this.positions, []);
      if (before.has(market)) continue;
      const timeframe = state.definition.timeframe;
      try {
        const candles = await warmUpCandles(this.marketData, market, timeframe, TIMEFRAME_MS[timeframe], this.clock.now());
        this.runner.warmUp(market, candles);
        this.warmUpListener?.(market, timeframe, candles);
      } catch (error) {
        // Without history the strategy still runs; its indicators fill from live trades.
        this.logger.warn(`no warm-up candles for ${market}: ${errorMessage(error)}`);
      }
    }
  }
}
