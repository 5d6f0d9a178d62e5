import type { StoredEvent } from '@trader/application';
import { LaneHandler } from '@trader/events';
import { Injectable } from '@nestjs/common';
import { StrategyLoader } from '../strategy-loader';

/** Loads a strategy into the runner when it is defined, revised or enabled, and unloads it when disabled (config lane). */
@LaneHandler({ name: 'strategy-activation', lane: 'medium-config', eventTypes: ['StrategyDefined', 'StrategyRevised', 'StrategyEnabled', 'StrategyDisabled'] })
@Injectable()
export class StrategyActivationLaneHandler {
  constructor(private readonly loader: StrategyLoader) {}

  handle(event: StoredEvent): Promise<void> {
    return this.loader.refresh(event.streamId.slice('strategy-'.length));
  }
}
