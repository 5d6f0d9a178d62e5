import type { StoredEvent } from '@trader/application';
import type { StrategyEvent } from '@trader/domain';
import type { EntityManager } from 'typeorm';
import { Projection } from '../projections/projection';
import { StrategyViewRow } from './strategy-view.row';

/** The `rm_strategies` read model: each strategy's current version, markets and whether it runs. */
export function strategiesProjection(): Projection {
  return {
    name: 'rm-strategies',
    lane: 'medium-config',
    eventTypes: ['StrategyDefined', 'StrategyRevised', 'StrategyEnabled', 'StrategyDisabled'],
    async apply(stored: StoredEvent, manager: EntityManager) {
      const rows = manager.getRepository(StrategyViewRow);
      // A deferred revision is not subscribed: the view shows the version running until it is applied.
      const event = { type: stored.type, data: stored.data } as Exclude<StrategyEvent, { type: 'StrategyRevisionDeferred' }>;
      if (event.type === 'StrategyDefined' || event.type === 'StrategyRevised') {
        const { definition, at } = event.data;
        await rows.save({
          strategyId: definition.id,
          name: definition.name,
          version: definition.version,
          enabled: definition.enabled,
          markets: JSON.stringify(definition.markets),
          timeframe: definition.timeframe,
          updatedAt: at,
        });
        return;
      }
      await rows.update({ strategyId: event.data.strategyId }, { enabled: event.type === 'StrategyEnabled', updatedAt: event.data.at });
    },
    async reset(manager: EntityManager) {
      await manager.getRepository(StrategyViewRow).clear();
    },
  };
}
