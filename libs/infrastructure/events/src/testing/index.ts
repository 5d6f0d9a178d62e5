export { createPgTestDatabase, describeWithPg, pgTestServerUrl, pgUnavailableReason } from '../test-support/pg-test-database';
export type { PgTestDatabase } from '../test-support/pg-test-database';
