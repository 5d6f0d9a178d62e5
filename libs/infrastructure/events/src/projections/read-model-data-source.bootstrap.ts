import type { Database } from 'better-sqlite3';
import { DataSource, EntitySchema } from 'typeorm';

// TypeORM's entity list type, spelled out so callers can pass classes or schemas.
type EntityTarget = string | (new (...args: never[]) => unknown) | EntitySchema;

/**
 * TypeORM on the event store's own connection: its better-sqlite3 driver builds the connection with
 * `new driver(path, options)`, and a constructor that returns an object yields that object, so the
 * driver gets `db` itself (WAL, synchronous=NORMAL and migrations already applied by
 * `openEventDatabase`). Read-model tables are disposable (rebuilt from the store), so TypeORM
 * synchronises them; the event tables are migrated by `migrate` and never touched by TypeORM.
 *
 * TypeORM awaits between the statements of its transactions, so nothing may open one on this
 * DataSource after start-up (its schema sync is the only one): projections write through their own
 * synchronous statements, TypeORM only reads. Destroying the DataSource closes `db`.
 */
export async function openReadModelDataSource(db: Database, entities: readonly EntityTarget[]): Promise<DataSource> {
  function SharedConnection(): Database {
    return db;
  }
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: db.name,
    driver: SharedConnection,
    entities: [...entities] as EntityTarget[] as never[],
    synchronize: entities.length > 0,
    logging: false,
  });
  await dataSource.initialize();
  return dataSource;
}
