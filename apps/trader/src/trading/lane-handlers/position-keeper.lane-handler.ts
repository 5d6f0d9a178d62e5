import { POSITION_REPOSITORY, PositionKeeper } from '@trader/application';
import type { PositionRepository, StoredEvent } from '@trader/application';
import { LaneHandler } from '@trader/events';
import { Inject, Injectable } from '@nestjs/common';

/** Builds positions from fills (critical lane). */
@LaneHandler({ name: 'position-keeper', lane: 'critical-trading', eventTypes: ['OrderFilled'] })
@Injectable()
export class PositionKeeperLaneHandler {
  private readonly keeper: PositionKeeper;

  constructor(@Inject(POSITION_REPOSITORY) positions: PositionRepository) {
    this.keeper = new PositionKeeper(positions);
  }

  handle(event: StoredEvent): Promise<void> {
    return this.keeper.handle(event);
  }
}
