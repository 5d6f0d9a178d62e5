import type { Database } from 'better-sqlite3';
import { MarketHistorySchemaError } from './market-history.errors';

/** The schema version this code writes (`PRAGMA user_version`). */
export const MARKET_HISTORY_SCHEMA_VERSION = 2;

/**
 * Candles keyed (market, timeframe, start) and trades keyed (market, sequential_id), both WITHOUT ROWID
 * so the key is the table's own order: a range read walks one B-tree with no lookups. Prices and amounts
 * are TEXT, exactly the decimal text received, never a float. `candle_downloads` holds the intervals a
 * download has paged through completely, so a rerun fetches only what is missing and an interval with
 * no candle in a downloaded span is a real gap (no trade), not a hole in the download.
 */
const SCHEMA_V1 = `
CREATE TABLE candles (
  market    TEXT    NOT NULL,
  timeframe TEXT    NOT NULL,
  start     INTEGER NOT NULL,
  open      TEXT    NOT NULL,
  high      TEXT    NOT NULL,
  low       TEXT    NOT NULL,
  close     TEXT    NOT NULL,
  volume    TEXT    NOT NULL,
  value     TEXT    NOT NULL,
  PRIMARY KEY (market, timeframe, start)
) WITHOUT ROWID;
CREATE TABLE trades (
  market        TEXT    NOT NULL,
  sequential_id INTEGER NOT NULL,
  timestamp     INTEGER NOT NULL,
  price         TEXT    NOT NULL,
  volume        TEXT    NOT NULL,
  side          TEXT    NOT NULL CHECK (side IN ('ask', 'bid')),
  PRIMARY KEY (market, sequential_id)
) WITHOUT ROWID;
CREATE INDEX trades_by_time ON trades (market, timestamp, sequential_id);
CREATE TABLE candle_downloads (
  market    TEXT    NOT NULL,
  timeframe TEXT    NOT NULL,
  start     INTEGER NOT NULL,
  end       INTEGER NOT NULL CHECK (end > start),
  PRIMARY KEY (market, timeframe, start)
) WITHOUT ROWID;
`;

/**
 * v2: the candles again as pages of number columns (`candle-column-page.ts`), kept in step with
 * `candles` by every write in the same transaction, for a backtest's per-candle loop. A row per
 * (market, timeframe, page), page = floor(start / (COLUMN_PAGE_CANDLES x the timeframe's interval)).
 */
const SCHEMA_V2 = `
CREATE TABLE candle_columns (
  market    TEXT    NOT NULL,
  timeframe TEXT    NOT NULL,
  page      INTEGER NOT NULL,
  count     INTEGER NOT NULL CHECK (count > 0),
  exact     INTEGER NOT NULL CHECK (exact IN (0, 1)),
  data      BLOB    NOT NULL,
  PRIMARY KEY (market, timeframe, page)
) WITHOUT ROWID;
`;

/**
 * Creates the schema in a new file, brings an older one up to date, accepts the current one, refuses a
 * newer one. `buildAllColumns` fills the v2 columns from the candles a v1 file already holds.
 */
export function migrateMarketHistory(db: Database, path: string, buildAllColumns: () => void): void {
  const migrate = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MARKET_HISTORY_SCHEMA_VERSION) throw new MarketHistorySchemaError(path, version, MARKET_HISTORY_SCHEMA_VERSION);
    if (version === MARKET_HISTORY_SCHEMA_VERSION) return;
    if (version < 1) db.exec(SCHEMA_V1);
    db.exec(SCHEMA_V2);
    buildAllColumns();
    db.pragma(`user_version = ${MARKET_HISTORY_SCHEMA_VERSION}`);
  });
  migrate.immediate();
}
