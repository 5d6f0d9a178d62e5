import { DataSource, EntitySchema } from 'typeorm';
import { pgNumberTypes } from './pg-number-types';
import { PgSyncDatabase } from './pg-sync-database';

type EntityTarget = string | (new (...args: never[]) => unknown) | EntitySchema;

/**
 * TypeORM on PostgreSQL for the read models: its own small pool (TypeORM is asynchronous; the
 * projections write through the synchronous connection `db`), on the account's schema, whose tables
 * its schema sync creates. Instances of one account starting together take turns on an advisory lock
 * around the sync, which is not safe to run twice at once.
 */
export async function openPgReadModelDataSource(db: PgSyncDatabase, url: string, schema: string, entities: readonly EntityTarget[]): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    schema,
    entities: [...entities] as EntityTarget[] as never[],
    synchronize: entities.length > 0,
    logging: false,
    // Raw queries (`dataSource.query`) resolve unqualified table names in the account's schema too.
    // int8 columns (epoch milliseconds, versions) as numbers, as better-sqlite3 returns them, on this
    // pool's clients only: pg's global parsers belong to everything else in the process that uses pg.
    extra: { max: 4, application_name: `upbit-trader ${schema} read models`, options: `-c search_path=${schema}`, types: pgNumberTypes },
  });
  const key = `upbit-trader:read-model-sync:${schema}`;
  db.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
  try {
    await dataSource.initialize();
  } finally {
    db.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
  }
  return dataSource;
}
