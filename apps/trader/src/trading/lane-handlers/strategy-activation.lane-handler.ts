import { STRATEGY_REPOSITORY, StrategyActivation, StrategyRunner } from '@trader/application';
import type { StoredEvent, StrategyRepository } from '@trader/application';
import { LaneHandler } from '@trader/events';
import { Inject, Injectable } from '@nestjs/common';

/** Loads enabled strategies into the runner and unloads disabled ones (config lane). */
@LaneHandler({ name: 'strategy-activation', lane: 'medium-config', eventTypes: ['StrategyDefined', 'StrategyRevised', 'StrategyEnabled', 'StrategyDisabled'] })
@Injectable()
export class StrategyActivationLaneHandler {
  private readonly activation: StrategyActivation;

  constructor(@Inject(STRATEGY_REPOSITORY) strategies: StrategyRepository, runner: StrategyRunner) {
    this.activation = new StrategyActivation(strategies, runner);
  }

  handle(event: StoredEvent): Promise<void> {
    return this.activation.handle(event);
  }
}
