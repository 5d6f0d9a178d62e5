import { DataSource, EntitySchema } from 'typeorm';

// TypeORM's entity list type, spelled out so callers can pass classes or schemas.
type EntityTarget = string | (new (...args: never[]) => unknown) | EntitySchema;

/**
 * The TypeORM connection for read models: the same SQLite file as the events, a second connection.
 * Read-model tables are disposable (rebuilt from the store), so TypeORM synchronises them; the event
 * tables are migrated by `migrate` and never touched by TypeORM.
 */
export async function openReadModelDataSource(path: string, entities: readonly EntityTarget[]): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: path,
    entities: [...entities] as EntityTarget[] as never[],
    synchronize: entities.length > 0,
    enableWAL: true,
    timeout: 5_000,
    logging: false,
  });
  await dataSource.initialize();
  await dataSource.query('PRAGMA synchronous = NORMAL');
  return dataSource;
}
