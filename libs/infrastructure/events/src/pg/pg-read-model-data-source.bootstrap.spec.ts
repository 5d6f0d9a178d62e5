import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createPgTestDatabase, describeWithPg, PgTestDatabase } from '../test-support/pg-test-database';
import { openPgReadModelDataSource } from './pg-read-model-data-source.bootstrap';
import { PgSyncDatabase } from './pg-sync-database';

describeWithPg('openPgReadModelDataSource', () => {
  let database: PgTestDatabase;
  let db: PgSyncDatabase;
  let dataSource: DataSource | undefined;

  beforeAll(() => {
    database = createPgTestDatabase();
    db = new PgSyncDatabase(database.url);
    db.exec('CREATE SCHEMA acct');
  });
  afterAll(async () => {
    await dataSource?.destroy();
    db.close();
    database.drop();
  });

  it('reads int8 as numbers on its own clients and leaves pg’s global parsers to the rest of the process', async () => {
    dataSource = await openPgReadModelDataSource(db, database.url, 'acct', []);
    const [row] = (await dataSource.query('SELECT 1793491200000::int8 AS at, 7::int4 AS n, 1.5::numeric AS d')) as { at: unknown; n: unknown; d: unknown }[];
    expect(row).toEqual({ at: 1793491200000, n: 7, d: '1.5' });
    // Another pg client in the same process still gets int8 as text, pg's default (exact past 2^53).
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      const { rows } = await other.query<{ big: unknown }>('SELECT 9007199254740993::int8 AS big');
      expect(rows[0]?.big).toBe('9007199254740993');
    } finally {
      await other.end();
    }
  });
});
