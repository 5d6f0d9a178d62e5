// Test support other projects' tests need (the trader's PostgreSQL specs), kept out of the public barrel.
export { createPgTestDatabase, describeWithPg, pgTestServerUrl, pgUnavailableReason } from '../test-support/pg-test-database';
export type { PgTestDatabase } from '../test-support/pg-test-database';
