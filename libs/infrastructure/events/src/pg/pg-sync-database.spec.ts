import { createPgTestDatabase, describeWithPg, PgTestDatabase } from '../test-support/pg-test-database';
import { PgConnectionClosedError, PgConnectionLostError, PgQueryError, PgTransactionAbortedError } from './pg-database.errors';
import { PgSyncDatabase, redactPgUrl } from './pg-sync-database';

/** The error `call` throws (and a failure of the test when it throws none). */
function failureOf(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describeWithPg('PgSyncDatabase', () => {
  let database: PgTestDatabase;
  let db: PgSyncDatabase;
  const ids = (): number[] => db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
  const insert = (id: number): void => {
    db.prepare('INSERT INTO items (id) VALUES (?)').run(id);
  };

  beforeAll(() => {
    database = createPgTestDatabase();
  });
  afterAll(() => database.drop());
  beforeEach(() => {
    db = new PgSyncDatabase(database.url);
    db.exec('DROP TABLE IF EXISTS items; CREATE TABLE items (id INTEGER PRIMARY KEY)');
  });
  afterEach(() => db.close());

  describe('transactions', () => {
    it('commits what the body wrote and returns its result; a body that throws leaves nothing', () => {
      expect(db.transaction((a: number, b: number) => (insert(a), insert(b), 'stored'))(1, 2)).toBe('stored');
      expect(db.inTransaction).toBe(false);
      const failure = new Error('changed my mind');
      expect(() =>
        db.transaction(() => {
          insert(3);
          expect(db.inTransaction).toBe(true);
          throw failure;
        })(),
      ).toThrow(failure);
      expect(db.inTransaction).toBe(false);
      expect(ids()).toEqual([1, 2]);
    });

    it('rolls a nested transaction back to its savepoint and keeps the outer work', () => {
      db.transaction(() => {
        insert(1);
        expect(() =>
          db.transaction(() => {
            insert(2);
            throw new Error('inner fails');
          })(),
        ).toThrow('inner fails');
        db.transaction(() => insert(3))();
        insert(4);
      })();
      expect(ids()).toEqual([1, 3, 4]);
    });

    it('goes on after a statement that failed inside a nested transaction, as SQLite would', () => {
      insert(1);
      db.transaction(() => {
        insert(2);
        // A duplicate key inside a savepoint: only the savepoint is lost, not the outer transaction.
        expect(() => db.transaction(() => insert(1))()).toThrow(expect.objectContaining({ constructor: PgQueryError, code: '23505' }) as Error);
        insert(3);
      })();
      expect(ids()).toEqual([1, 2, 3]);
    });

    it('refuses to report a commit when the body swallowed a failed statement: PostgreSQL rolled all of it back', () => {
      let caught: unknown;
      const run = db.transaction(() => {
        insert(1);
        try {
          insert(1);
        } catch (error) {
          caught = error;
        }
        return 'done';
      });
      const aborted = failureOf(run);
      expect(aborted).toBeInstanceOf(PgTransactionAbortedError);
      expect(caught).toMatchObject({ code: '23505' });
      expect((aborted as PgTransactionAbortedError).failed).toBe(caught);
      expect(db.inTransaction).toBe(false);
      expect(ids()).toEqual([]);
      // The connection and the next transaction are fine.
      db.transaction(() => insert(2))();
      expect(ids()).toEqual([2]);
    });

    it('sends nothing for a transaction whose body ran no statement', () => {
      expect(db.transaction(() => 42)()).toBe(42);
      expect(() =>
        db.transaction(() => {
          throw new Error('before any statement');
        })(),
      ).toThrow('before any statement');
      // A BEGIN left open on the server would make this a nested transaction that never commits.
      insert(1);
      const other = new PgSyncDatabase(database.url);
      try {
        expect(other.prepare('SELECT id FROM items').pluck().all()).toEqual([1]);
      } finally {
        other.close();
      }
    });
  });

  describe('statements', () => {
    it('binds ?, @name and better-sqlite3 array arguments, and answers rows, values or arrays', () => {
      db.prepare('INSERT INTO items (id) VALUES (?), (?)').run([1, 2]);
      db.prepare('INSERT INTO items (id) VALUES (@a), (@b)').run({ a: 3, b: 4 });
      expect(db.prepare('SELECT id, id * 10 AS "tenTimes" FROM items WHERE id > ? ORDER BY id').all(2)).toEqual([
        { id: 3, tenTimes: 30 },
        { id: 4, tenTimes: 40 },
      ]);
      expect(db.prepare('SELECT id, id * 10 FROM items WHERE id = ?').raw().get(4)).toEqual([4, 40]);
      expect(db.prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(4);
      expect(db.prepare('SELECT id FROM items WHERE id = ?').get(99)).toBeUndefined();
      expect(db.prepare('DELETE FROM items WHERE id <= ?').run(2)).toEqual({ changes: 2, lastInsertRowid: 0 });
      // One parameter that is a PostgreSQL array: an element of the argument list.
      expect(db.prepare('SELECT id FROM items WHERE id = ANY(?::int[]) ORDER BY id').pluck().all([[3, 4, 5]])).toEqual([3, 4]);
    });

    it('parses a prepared statement once on the server and reuses it', () => {
      const select = db.prepare('SELECT ?::int + 1 AS next');
      expect([1, 2, 3].map((n) => (select.get(n) as { next: number }).next)).toEqual([2, 3, 4]);
      const prepared = db.prepare(`SELECT statement FROM pg_prepared_statements WHERE statement = 'SELECT $1::int + 1 AS next'`).pluck().all();
      expect(prepared).toHaveLength(1);
    });

    it('stays usable after a statement fails, alone or in a batch', () => {
      expect(() => db.prepare('SELECT * FROM no_such_table').all()).toThrow(
        expect.objectContaining({ constructor: PgQueryError, code: '42P01', sql: 'SELECT * FROM no_such_table' }) as Error,
      );
      insert(1);
      expect(() => insert(1)).toThrow(expect.objectContaining({ code: '23505', constraint: 'items_pkey' }) as Error);
      expect(() =>
        db.batch([
          { text: 'INSERT INTO items (id) VALUES ($1)', values: [2] },
          { text: 'SELECT 1 / 0', values: [] },
          { text: 'INSERT INTO items (id) VALUES ($1)', values: [3] },
        ]),
      ).toThrow(expect.objectContaining({ code: '22012' }) as Error);
      // The batch stopped at its failure; outside a transaction the statement before it stands.
      expect(ids()).toEqual([1, 2]);
      expect(db.query('SELECT 1 AS one', []).rows).toEqual([{ one: 1 }]);
    });

    it('fails a statement that outlives statementTimeoutMs and stays usable, in a transaction too', () => {
      const quick = new PgSyncDatabase(database.url, { statementTimeoutMs: 200 });
      try {
        const started = Date.now();
        expect(() => quick.query('SELECT pg_sleep(3)', [])).toThrow(expect.objectContaining({ constructor: PgQueryError, code: '57014' }) as Error);
        expect(Date.now() - started).toBeLessThan(2_000);
        expect(() =>
          quick.transaction(() => {
            quick.prepare('INSERT INTO items (id) VALUES (?)').run(1);
            quick.query('SELECT pg_sleep(3)', []);
          })(),
        ).toThrow(expect.objectContaining({ code: '57014' }) as Error);
        expect(quick.query('SELECT COUNT(*)::int AS n FROM items', []).rows).toEqual([{ n: 0 }]);
      } finally {
        quick.close();
      }
    });

    it('closes a connection that does not answer in time and refuses every call after', () => {
      // The answer timeout covers connecting too: long enough for a busy machine, shorter than the sleep.
      const impatient = new PgSyncDatabase(database.url, { statementTimeoutMs: 20_000, answerTimeoutMs: 2_000 });
      expect(() => impatient.query('SELECT pg_sleep(10)', [])).toThrow(expect.objectContaining({ constructor: PgConnectionLostError, waitedMs: 2_000 }) as Error);
      expect(impatient.open).toBe(false);
      expect(() => impatient.query('SELECT 1', [])).toThrow(PgConnectionClosedError);
    });
  });

  describe('closing', () => {
    it('closes once, and refuses every call after with PgConnectionClosedError', () => {
      const statement = db.prepare('SELECT 1');
      db.close();
      expect(db.open).toBe(false);
      expect(() => db.close()).not.toThrow();
      expect(() => statement.get()).toThrow(PgConnectionClosedError);
      expect(() => db.query('SELECT 1', [])).toThrow(PgConnectionClosedError);
      expect(() => db.exec('SELECT 1')).toThrow(PgConnectionClosedError);
      expect(() => db.transaction(() => insert(1))()).toThrow(PgConnectionClosedError);
      expect(db.inTransaction).toBe(false);
    });
  });

  describe('secrets', () => {
    const password = 's3cr3t-pa55';
    const withPassword = (url: string): string => {
      const parsed = new URL(url);
      parsed.password = password;
      return parsed.toString();
    };
    /** Everything an error shows: its message, its string, its stack and its fields. */
    const shown = (error: unknown): string => `${String(error)} ${(error as Error).stack ?? ''} ${JSON.stringify(error)}`;

    it('never shows the password of its URL in its name or its errors', () => {
      // The test server trusts local connections: the password is accepted and ignored.
      const secret = new PgSyncDatabase(withPassword(database.url), { statementTimeoutMs: 20_000, answerTimeoutMs: 2_000 });
      expect(secret.name).toBe(redactPgUrl(withPassword(database.url)));
      expect(secret.name).not.toContain(password);
      expect(secret.name).toContain('***');
      const errors = [
        failureOf(() => secret.query('SELECT * FROM no_such_table', [])),
        failureOf(() => secret.query('SELECT pg_sleep(10)', [])),
        failureOf(() => secret.query('SELECT 1', [])),
      ];
      expect(errors.map((error) => (error as Error).name)).toEqual(['PgQueryError', 'PgConnectionLostError', 'PgConnectionClosedError']);
      for (const error of errors) expect(shown(error)).not.toContain(password);
    });

    it('never shows the password when the connection cannot be made, whatever is wrong with the URL', () => {
      const server = new URL(database.url);
      const urls = [
        `postgres://postgres:${password}@127.0.0.1:1/postgres`,
        `postgres://postgres:${password}@${server.host}/no_such_database`,
        `postgres://postgres:${password}@127.0.0.1:notaport/postgres`,
      ];
      for (const url of urls) {
        const error = failureOf(() => new PgSyncDatabase(url, { answerTimeoutMs: 5_000 }));
        expect(error).toBeInstanceOf(PgQueryError);
        expect(shown(error)).not.toContain(password);
      }
    });
  });
});
