import { createPgTestDatabase, describeWithPg, PgTestDatabase } from '../test-support/pg-test-database';
import { eventStoreConformance } from './event-store-conformance';

describeWithPg('PostgreSQL event store', () => {
  let database: PgTestDatabase;
  let accounts = 0;
  beforeAll(() => {
    database = createPgTestDatabase();
  });
  afterAll(() => database.drop());

  // One database per file, one account (its own schema) per test: every test starts from an empty store.
  eventStoreConformance('PostgreSQL', () => ({
    path: database.url,
    account: `c${(accounts += 1)}`,
    dispose: () => undefined,
  }));
});
