import Sqlite from 'better-sqlite3';
import { LiteralLimitStatements } from './literal-limit-statements';

describe('LiteralLimitStatements', () => {
  const db = new Sqlite(':memory:');
  beforeAll(() => {
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, g TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (k, g) VALUES (?, ?)');
    for (let k = 1; k <= 40; k++) insert.run(k, k % 2 === 0 ? 'even' : 'odd');
  });
  afterAll(() => db.close());

  it('returns what the bound LIMIT returns, for every limit, kept as a statement or not', () => {
    const sql = 'SELECT k FROM t WHERE g = ? AND k >= ? ORDER BY k LIMIT ?';
    const literal = new LiteralLimitStatements(db, sql);
    const bound = db.prepare(sql).raw(true);
    // More distinct limits than are kept, twice over (the second pass hits the kept statements), and sizes no statement can have.
    for (const pass of [1, 2]) {
      for (const limit of [1, 2, 3, 5, 8, 13, 21, 34, 55, 0, -1]) {
        for (const from of [1, 10, 39]) expect([pass, limit, from, literal.all(limit, 'even', from)]).toEqual([pass, limit, from, bound.all('even', from, limit)]);
      }
    }
    // A limit SQLite refuses is refused as the bound query refuses it.
    expect(() => bound.all('even', 1, 2.5)).toThrow('datatype mismatch');
    expect(() => literal.all(2.5, 'even', 1)).toThrow('datatype mismatch');
  });

  it('refuses a query whose last clause is not LIMIT ?', () => {
    expect(() => new LiteralLimitStatements(db, 'SELECT k FROM t LIMIT 5')).toThrow(RangeError);
  });
});
