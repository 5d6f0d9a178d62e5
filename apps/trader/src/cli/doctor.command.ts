import { accountSchema, isPgUrl, PgSyncDatabase } from '@trader/events';
import Database from 'better-sqlite3';
import { access } from 'node:fs/promises';
import { exchangeEndpoints } from '../bootstrap/exchange-endpoints.bootstrap';
import { TraderConfig } from '../config/trader-config';
import { CliOutput } from './cli-output';
import { eventDatabaseLabel } from './event-database/event-log-reader.bootstrap';

/** How far our clock may be off the exchange's before doctor complains (Upbit signs no timestamps, but logs and candles line up by time). */
const MAX_CLOCK_OFFSET_MS = 2_000;

/**
 * `doctor`: checks what start-up needs, one line each: the settings, the database (opens, passes
 * SQLite's quick check or answers on PostgreSQL, its schema version, how many events), the exchange
 * (answers its market list) and the clock offset against the exchange's Date header. Returns false
 * when a check failed.
 */
export async function doctorCommand(config: TraderConfig, output: CliOutput): Promise<boolean> {
  let healthy = true;
  const check = async (name: string, run: () => Promise<string>): Promise<void> => {
    try {
      output.out(`ok    ${name}: ${await run()}`);
    } catch (error) {
      healthy = false;
      output.out(`FAIL  ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  await check('settings', async () => `${config.mode} mode, markets ${config.markets.join(', ')}, admin API on ${config.host}:${config.port}`);
  await check('database', () => checkDatabase(config));
  const endpoints = await exchangeEndpoints(config);
  try {
    await check('exchange', async () => {
      const started = Date.now();
      const response = await fetch(`${endpoints.restUrl}/market/all`);
      if (response.status !== 200) throw new Error(`${endpoints.restUrl} answered ${response.status}`);
      const markets = (await response.json()) as { market: string }[];
      const missing = config.markets.filter((m) => !markets.some((listed) => listed.market === m));
      if (missing.length > 0) throw new Error(`the exchange does not list ${missing.join(', ')}`);
      const serverDate = Date.parse(response.headers.get('date') ?? '');
      const offset = Number.isNaN(serverDate) ? null : serverDate - (started + Date.now()) / 2;
      await check('clock offset', async () => {
        if (offset === null) throw new Error('the exchange sent no Date header');
        if (Math.abs(offset) > MAX_CLOCK_OFFSET_MS + 1_000) throw new Error(`${Math.round(offset)} ms from the exchange's clock`);
        return `${Math.round(offset)} ms (the Date header has a 1 s resolution)`;
      });
      return `${endpoints.simulator ? 'in-process simulator' : endpoints.restUrl} lists ${markets.length} market(s)`;
    });
  } finally {
    await endpoints.simulator?.close();
  }
  return healthy;
}

/** The event database, read-only; a PostgreSQL URL is shown without its password. */
async function checkDatabase(config: TraderConfig): Promise<string> {
  const label = eventDatabaseLabel(config.databasePath, config.account);
  if (isPgUrl(config.databasePath)) return checkPostgres(config.databasePath, config.account, label);
  if (!(await access(config.databasePath).then(() => true, () => false))) return `${label} does not exist yet (created at the first start)`;
  const db = new Database(config.databasePath, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new Error(`SQLite quick check: ${String(result)}`);
    const events = db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
    return `${label}, ${events} event(s), integrity ok`;
  } finally {
    db.close();
  }
}

function checkPostgres(url: string, account: string, label: string): string {
  const schema = accountSchema(account);
  let db: PgSyncDatabase;
  try {
    db = new PgSyncDatabase(url, { schema, applicationName: `upbit-trader doctor ${schema}`, statementTimeoutMs: 5_000 });
  } catch (error) {
    // pg's connection errors name neither the URL nor its password; say which database it was.
    throw new Error(`${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    db.exec('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    const [found] = db.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS migrated, current_setting('server_version') AS server", []).rows as { migrated: boolean; server: string }[];
    if (found?.migrated !== true) return `${label} on PostgreSQL ${found?.server ?? '?'}: the schema does not exist yet (created at the first start, or by trader db migrate)`;
    const version = db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null;
    const events = db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
    return `${label} on PostgreSQL ${found.server}, schema version ${version ?? 0}, ${events} event(s)`;
  } finally {
    db.close();
  }
}
