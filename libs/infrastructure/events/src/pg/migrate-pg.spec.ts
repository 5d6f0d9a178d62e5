import { createPgTestDatabase, describeWithPg, PgTestDatabase } from '../test-support/pg-test-database';
import { accountSchema } from './account-schema';
import { migratePg } from './migrate-pg';
import { PgSyncDatabase } from './pg-sync-database';

describeWithPg('migratePg', () => {
  let database: PgTestDatabase;
  let db: PgSyncDatabase;

  beforeAll(() => {
    database = createPgTestDatabase();
  });
  afterEach(() => db?.close());
  afterAll(() => database.drop());

  const appendFunctions = (schema: string): string[] =>
    (db.query("SELECT pg_get_function_identity_arguments(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1 AND p.proname = 'append_events'", [schema], { array: true }).rows as [string][]).map(([args]) => args);

  it('leaves one append_events, the current one, in a schema an earlier version created its own in', () => {
    const schema = accountSchema('upgraded');
    db = new PgSyncDatabase(database.url, { schema });
    migratePg(db, schema, 0);
    // The signature earlier versions created (without the lease fence's arguments).
    db.exec(`CREATE FUNCTION "${schema}".append_events(boolean, text[], text[], text[], int[], text[], text[], bigint, text[], bigint[], bigint[])
      RETURNS TABLE (appended_event_id text, appended_position bigint, appended_version bigint) LANGUAGE sql AS 'SELECT NULL::text, NULL::bigint, NULL::bigint WHERE false'`);
    expect(appendFunctions(schema)).toHaveLength(2);

    migratePg(db, schema, 0);
    const left = appendFunctions(schema);
    expect(left).toHaveLength(1);
    expect(left[0]).toContain('lease_fence bigint');
    // Running it again at the next start changes nothing.
    migratePg(db, schema, 0);
    expect(appendFunctions(schema)).toEqual(left);
  });
  it("keeps the previous version's fenced append_events, which an instance of that version still running beside this one calls", () => {
    const schema = accountSchema('rolling');
    db = new PgSyncDatabase(database.url, { schema });
    migratePg(db, schema, 0);
    db.exec(`CREATE FUNCTION "${schema}".append_events(boolean, text[], text[], text[], int[], text[], text[], bigint, text[], bigint[], bigint[], lease_key text, lease_pid int)
      RETURNS TABLE (appended_event_id text, appended_position bigint, appended_version bigint) LANGUAGE sql AS 'SELECT NULL::text, NULL::bigint, NULL::bigint WHERE false'`);
    migratePg(db, schema, 0);
    const left = appendFunctions(schema);
    expect(left).toHaveLength(2);
    expect(left.filter((args) => args.endsWith('lease_fence bigint'))).toHaveLength(1);
    expect(left.filter((args) => args.endsWith('lease_key text, lease_pid integer'))).toHaveLength(1);
  });
});
