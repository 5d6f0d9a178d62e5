import { StoredEvent } from '../ports/event-envelope';
import { StrategyRepository } from './strategy-repository';
import { StrategyRunner } from './strategy-runner';

/**
 * Starts and stops strategies in the runner as their definitions change, driven from the event store:
 * an enabled strategy runs its current definition; a disabled one stops (an order it has in flight
 * still completes). A revision restarts the strategy, so its indicators warm up again.
 */
export class StrategyActivation {
  readonly name = 'strategy-activation';
  readonly eventTypes = ['StrategyDefined', 'StrategyRevised', 'StrategyEnabled', 'StrategyDisabled'] as const;

  constructor(
    private readonly strategies: StrategyRepository,
    private readonly runner: StrategyRunner,
  ) {}

  async handle(event: StoredEvent): Promise<void> {
    if (!(this.eventTypes as readonly string[]).includes(event.type)) return;
    const strategyId = event.streamId.slice('strategy-'.length);
    const { state } = await this.strategies.load(strategyId);
    this.runner.unload(strategyId);
    if (state.status === 'defined' && state.definition.enabled) this.runner.load(state.definition);
  }
}
