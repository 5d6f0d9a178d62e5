import type { StoredEvent } from '@trader/application';
import type { StrategyEvent } from '@trader/domain';
import type { SqlDatabase } from '../database/sql-database';
import { Projection, ProjectionTables } from '../projections/projection';

/** A row of `rm_strategies` as SQLite stores it (TypeORM keeps booleans as 0 and 1). */
interface StoredStrategyRow {
  strategyId: string;
  name: string;
  version: number;
  enabled: 0 | 1;
  markets: string;
  timeframe: string;
  updatedAt: number;
}

const selectSql = 'SELECT "strategyId", "name", "version", "enabled", "markets", "timeframe", "updatedAt" FROM rm_strategies WHERE "strategyId" = ?';
const upsertSql = `INSERT INTO rm_strategies ("strategyId", "name", "version", "enabled", "markets", "timeframe", "updatedAt")
  VALUES (@strategyId, @name, @version, @enabled, @markets, @timeframe, @updatedAt)
  ON CONFLICT ("strategyId") DO UPDATE SET "name" = excluded."name", "version" = excluded."version", "enabled" = excluded."enabled",
    "markets" = excluded."markets", "timeframe" = excluded."timeframe", "updatedAt" = excluded."updatedAt"`;

/** The `rm_strategies` read model: each strategy's current version, markets and whether it runs. */
export function strategiesProjection(): Projection {
  return {
    name: 'rm-strategies',
    lane: 'medium-config',
    tables: ['rm_strategies'],
    metadataOf: [],
    eventTypes: ['StrategyDefined', 'StrategyRevised', 'StrategyEnabled', 'StrategyDisabled'],
    open(db: SqlDatabase): ProjectionTables {
      const select = db.prepare(selectSql);
      const upsert = db.prepare(upsertSql);
      const clear = db.prepare('DELETE FROM rm_strategies');
      return {
        applyBatch(events: readonly StoredEvent[]) {
          const rows = new Map<string, StoredStrategyRow>();
          for (const stored of events) {
            // A deferred revision is not subscribed: the view shows the version running until it is applied.
            const event = { type: stored.type, data: stored.data } as Exclude<StrategyEvent, { type: 'StrategyRevisionDeferred' }>;
            if (event.type === 'StrategyDefined' || event.type === 'StrategyRevised') {
              const { definition, at } = event.data;
              rows.set(definition.id, {
                strategyId: definition.id,
                name: definition.name,
                version: definition.version,
                enabled: definition.enabled ? 1 : 0,
                markets: JSON.stringify(definition.markets),
                timeframe: definition.timeframe,
                updatedAt: at,
              });
              continue;
            }
            const { strategyId } = event.data;
            const row = rows.get(strategyId) ?? (select.get(strategyId) as StoredStrategyRow | undefined);
            // Enabling a strategy the view does not know changes nothing (as an UPDATE of no row).
            if (!row) continue;
            rows.set(strategyId, { ...row, enabled: event.type === 'StrategyEnabled' ? 1 : 0, updatedAt: event.data.at });
          }
          for (const row of rows.values()) upsert.run(row);
        },
        reset() {
          clear.run();
        },
      };
    },
  };
}
