import { createPgTestDatabase, describeWithPg, PgTestDatabase } from '../test-support/pg-test-database';
import { eventStoreConformance } from './event-store-conformance';
import { runNumberingRace } from './pg-numbering-race';

describeWithPg('PostgreSQL event store', () => {
  let database: PgTestDatabase;
  let accounts = 0;
  beforeAll(() => {
    database = createPgTestDatabase();
  });
  afterAll(() => database.drop());

  // One database per file, one account (its own schema) per test: every test starts from an empty store.
  // Fewer crash rounds than SQLite's 20: each round starts a process, and CI time is shared.
  eventStoreConformance(
    'PostgreSQL',
    () => ({
      path: database.url,
      account: `c${(accounts += 1)}`,
      dispose: () => undefined,
    }),
    { crashRounds: 5 },
  );

  // The "never skip" test above passes only if skipping is prevented, not because it cannot happen:
  // here the same follower, against the same kind of concurrent writers, does skip when positions come
  // from a plain sequence, and does not once the writers take the store's lock and number max + 1.
  describe('subscribers never skip: the negative control', () => {
    it('a follower of a table numbered by a plain sequence skips events that commit out of order', async () => {
      const race = await runNumberingRace(database.url, 'negative_sequence', 'sequence');
      expect(race.stored).toBe(race.acknowledged);
      expect(race.verdict.missed.length).toBeGreaterThan(0);
      // Skipped, not lost: every event the follower missed is in the table.
      expect(race.missedButStored).toBe(race.verdict.missed.length);
      expect(race.verdict.duplicated).toEqual([]);
    }, 60_000);

    it('the same writers taking the advisory lock and numbering max + 1 let the same follower see every event once', async () => {
      const race = await runNumberingRace(database.url, 'negative_locked', 'advisory-lock');
      expect(race.stored).toBe(race.acknowledged);
      expect(race.verdict).toEqual({ missed: [], duplicated: [], unknown: [], outOfOrder: [] });
    }, 60_000);
  });
});
