import { createPgTestDatabase, describeWithPg, PgTestDatabase } from '../test-support/pg-test-database';
import { PgQueryError } from './pg-database.errors';
import { PgSyncDatabase } from './pg-sync-database';

// A batch inside one transaction is pipelined (all statements sent at once); the server then still
// runs the statements after a failed one. These pin down that a batch keeps its contract either way:
// it fails with the first error, and nothing after that error takes effect.
describeWithPg('PgSyncDatabase batch', () => {
  let database: PgTestDatabase;
  let db: PgSyncDatabase;

  beforeEach(() => {
    database = createPgTestDatabase();
    db = new PgSyncDatabase(database.url);
    db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY)');
  });

  afterEach(() => {
    db.close();
    database.drop();
  });

  const ids = (): number[] => db.query('SELECT id FROM items ORDER BY id', []).rows.map((row) => (row as { id: number }).id);
  const insert = (id: number): { text: string; values: unknown[]; name: string } => ({ text: 'INSERT INTO items (id) VALUES ($1)', values: [id], name: 'insert_item' });

  it('answers every statement of a transaction batch, in order', () => {
    const results = db.batch([{ text: 'BEGIN', values: [] }, insert(1), insert(2), { text: 'SELECT COUNT(*)::int AS n FROM items', values: [] }, { text: 'COMMIT', values: [] }]);
    expect(results.map((r) => r.rowCount)).toEqual([0, 1, 1, 1, 0]);
    expect(results[3]?.rows).toEqual([{ n: 2 }]);
    expect(ids()).toEqual([1, 2]);
  });

  it('fails a transaction batch with its first error and commits nothing of it, the statements after the error included', () => {
    db.batch([insert(1)]);
    expect(() => db.batch([{ text: 'BEGIN', values: [] }, insert(2), insert(1), insert(3), { text: 'COMMIT', values: [] }])).toThrow(
      expect.objectContaining({ constructor: PgQueryError, code: '23505' }),
    );
    db.exec('ROLLBACK');
    expect(ids()).toEqual([1]);
    // The connection goes on as before.
    db.batch([{ text: 'BEGIN', values: [] }, insert(4), { text: 'COMMIT', values: [] }]);
    expect(ids()).toEqual([1, 4]);
  });

  it('stops a batch outside a transaction at the first error: the statements after it do not run', () => {
    expect(() => db.batch([insert(1), insert(1), insert(2)])).toThrow(expect.objectContaining({ code: '23505' }));
    expect(ids()).toEqual([1]);
  });

  it('stops a batch that commits half-way at the first error: nothing after the commit runs', () => {
    expect(() => db.batch([{ text: 'BEGIN', values: [] }, insert(1), insert(1), { text: 'COMMIT', values: [] }, insert(2)])).toThrow(expect.objectContaining({ code: '23505' }));
    db.exec('ROLLBACK');
    expect(ids()).toEqual([]);
  });

  it('pipelines the first statements of a transaction with its BEGIN and rolls all of them back on a failure', () => {
    const run = db.transaction(() => {
      db.batch([insert(1), insert(2)]);
      db.batch([insert(3), insert(2)]);
    });
    expect(() => run()).toThrow(expect.objectContaining({ code: '23505' }));
    expect(ids()).toEqual([]);
    expect(db.inTransaction).toBe(false);
  });
});
