import { ApplyDeferredRevision, TRADING_READ_MODELS } from '@trader/application';
import type { StoredEvent, TradingReadModels } from '@trader/application';
import { LaneHandler } from '@trader/events';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';

/**
 * A position closed: each strategy trading that market applies a revision it deferred while the
 * position was open, once none of its markets holds one any more (config lane).
 */
@LaneHandler({ name: 'deferred-revision', lane: 'medium-config', eventTypes: ['PositionClosed'] })
@Injectable()
export class DeferredRevisionLaneHandler {
  constructor(
    private readonly commands: CommandBus,
    @Inject(TRADING_READ_MODELS) private readonly readModels: TradingReadModels,
  ) {}

  async handle(event: StoredEvent): Promise<void> {
    const { market } = event.data as { market: string };
    for (const strategy of await this.readModels.strategies()) {
      if (!strategy.markets.includes(market)) continue;
      await this.commands.execute(new ApplyDeferredRevision(strategy.strategyId, { correlationId: event.metadata.correlationId ?? event.eventId, causationId: event.eventId }));
    }
  }
}
