import { tempEventDatabase, TempEventDatabase } from '../test-support/temp-event-database';
import { MultiRowUpsert } from './multi-row-upsert';

describe('MultiRowUpsert', () => {
  let t: TempEventDatabase;
  beforeEach(() => {
    t = tempEventDatabase();
    t.db.exec('CREATE TABLE rm_things ("key" text PRIMARY KEY NOT NULL, "label" text, "count" integer NOT NULL)');
  });
  afterEach(() => t.cleanup());

  const rows = (): unknown[][] => t.db.prepare('SELECT "key", "label", "count" FROM rm_things ORDER BY "count"').raw().all() as unknown[][];
  const write = (upsert: MultiRowUpsert, things: readonly (readonly [string, string | null, number])[]): void => {
    for (const [key, label, count] of things) {
      upsert.values.push(key, label, count);
      upsert.pushed();
    }
    upsert.flush();
  };

  it('writes full statements and the rest in smaller ones, each row its own values in column order', () => {
    const upsert = new MultiRowUpsert(t.db, 'rm_things', ['key', 'label', 'count'], 4);
    const things = Array.from({ length: 11 }, (_, n) => [`k-${n}`, n % 3 === 0 ? null : `label ${n}`, n] as const);
    write(upsert, things);
    expect(rows()).toEqual(things.map((thing) => [...thing]));
    expect(upsert.values).toEqual([]);
  });

  // Every remainder, also for statement sizes that are not powers of two (5 leaves up to 4 rows: 2 + 2).
  it.each([4, 5, 6, 32])('writes every row of batches of any length, %i rows per statement', (rowsPerStatement) => {
    const upsert = new MultiRowUpsert(t.db, 'rm_things', ['key', 'label', 'count'], rowsPerStatement);
    let written = 0;
    for (let length = 0; length <= 2 * rowsPerStatement + 1; length += 1) {
      const things = Array.from({ length }, (_, n) => [`k-${written + n}`, `batch ${length}`, written + n] as const);
      write(upsert, things);
      written += length;
      expect(rows()).toHaveLength(written);
    }
    expect(rows()).toEqual(Array.from({ length: written }, (_, n) => [`k-${n}`, expect.stringMatching(/^batch \d+$/), n]));
  });

  it('updates the rows whose key is there already, in a full statement and in a single one, and leaves the others', () => {
    const upsert = new MultiRowUpsert(t.db, 'rm_things', ['key', 'label', 'count'], 4);
    write(upsert, Array.from({ length: 6 }, (_, n) => [`k-${n}`, 'old', n] as const));
    // Five changed rows: one full statement of four (three known keys, one new), then one known key alone.
    write(upsert, [
      ['k-1', 'new', 1],
      ['k-6', 'new', 6],
      ['k-3', null, 3],
      ['k-0', 'new', 0],
      ['k-5', 'new', 5],
    ]);
    expect(rows()).toEqual([
      ['k-0', 'new', 0],
      ['k-1', 'new', 1],
      ['k-2', 'old', 2],
      ['k-3', null, 3],
      ['k-4', 'old', 4],
      ['k-5', 'new', 5],
      ['k-6', 'new', 6],
    ]);
  });
});
