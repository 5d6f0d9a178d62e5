import type { CandleColumns, HistoryCoverage, MarketHistory, RecordedTrade, StoredCandle } from '@trader/application';
import { TIMEFRAMES } from '@trader/domain';
import type { Timeframe } from '@trader/domain';
import Sqlite, { Database } from 'better-sqlite3';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CandleColumnStore } from './candle-column-store';
import { mergeSpans, TimeSpan } from './downloaded-span';
import { InvalidMarketHistoryRowError, MarketHistoryReadOnlyError } from './market-history.errors';
import { migrateMarketHistory } from './market-history.schema';

/** Where `trader data download` and `import` store candles by default (relative to the working directory). */
export const defaultCandleStorePath = 'data/candles.sqlite';
/** Where paper and live trading record the market data they receive, apart from downloaded data. */
export const defaultRecordingStorePath = 'data/recorded-market.sqlite';

export interface MarketHistoryOpenOptions {
  /** Open an existing file for reading only (`trader data list`); fails when it does not exist. */
  readonly readonly?: boolean;
  readonly busyTimeoutMs?: number;
}

interface CandleRow {
  market: string;
  timeframe: Timeframe;
  start: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  value: string;
}

interface TradeRow {
  market: string;
  sequentialId: number;
  timestamp: number;
  price: string;
  volume: string;
  side: 'ask' | 'bid';
}

const DECIMAL_TEXT = /^(0|[1-9]\d*)(\.\d+)?$/;
const KNOWN_TIMEFRAMES: ReadonlySet<string> = new Set(TIMEFRAMES);

/** Rows fetched per query by a range read: large enough that a year of candles takes few queries, small enough to hold. */
const READ_PAGE_ROWS = 4_096;
/** Address space, not memory: SQLite maps up to this much of the file and the OS pages in what is read. */
const MMAP_BYTES = 1024 * 1024 * 1024;

/**
 * The market history in its own SQLite file (WAL). Reads are lazy iterators that fetch pages of
 * `READ_PAGE_ROWS` rows by key, so a year of candles streams through without being held, and no
 * statement stays open between pages: several reads may be in progress at once (a backtest reads every
 * market side by side) and a write may come between two pages. Every write is one transaction over
 * prepared statements, and rebuilds the column pages (`candleColumns`) of the candles it wrote in it.
 */
export class SqliteMarketHistory implements MarketHistory {
  private readonly reads: ReturnType<typeof prepareReads>;
  private readonly writes: ReturnType<typeof prepareWrites> | undefined;
  private readonly columns: CandleColumnStore;

  private constructor(
    private readonly db: Database,
    readonly path: string,
  ) {
    this.reads = prepareReads(db);
    this.columns = new CandleColumnStore(db, hasTable(db, 'candle_columns'));
    this.writes = db.readonly ? undefined : prepareWrites(db, this.columns);
  }

  /** Opens (creating it and its directory unless read-only) the file at `path` and brings its schema up to date. */
  static async open(path: string, options: MarketHistoryOpenOptions = {}): Promise<SqliteMarketHistory> {
    const readonly = options.readonly === true;
    if (!readonly) await mkdir(dirname(path), { recursive: true });
    const db = new Sqlite(path, { readonly, fileMustExist: readonly, timeout: options.busyTimeoutMs ?? 5_000 });
    try {
      // Backtests read the column pages, each a blob of about 190 KB over some 47 overflow pages: through
      // the memory map instead of a read() per page, the 22 pages of a 30-day, two-market run took
      // 4.9 ms instead of 14.5 ms on a fresh connection (docs/benchmarks/backtest.md).
      db.pragma(`mmap_size = ${MMAP_BYTES}`);
      if (!readonly) {
        db.pragma('journal_mode = WAL');
        // Market data can be fetched again: a power cut may lose the last commits, a crash loses nothing.
        db.pragma('synchronous = NORMAL');
        migrateMarketHistory(db, path, () => new CandleColumnStore(db, true).rebuildAll());
      }
      return new SqliteMarketHistory(db, path);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  *candles(market: string, timeframe: Timeframe, from: number, to: number): Generator<StoredCandle> {
    // Keyed paging: each page starts after the last start read (whole ms, unique within a market and timeframe).
    let start = from;
    for (;;) {
      const page = this.reads.candles.all(market, timeframe, start, to, READ_PAGE_ROWS) as StoredCandle[];
      yield* page;
      if (page.length < READ_PAGE_ROWS) return;
      start = (page[page.length - 1] as StoredCandle).start + 1;
    }
  }

  /**
   * The same candles as `candles`, as pages of number columns (schema v2 keeps them; a read-only v1
   * file has them built from its rows as they are read): the backtest's per-candle loop reads these.
   */
  candleColumns(market: string, timeframe: Timeframe, from: number, to: number): Iterable<CandleColumns> {
    return this.columns.read(market, timeframe, from, to);
  }

  *trades(market: string, from: number, to: number): Generator<RecordedTrade> {
    // Trades may share a timestamp: a page starts after the last (timestamp, sequential id) read.
    let page = this.reads.trades.all(market, from, to, READ_PAGE_ROWS) as RecordedTrade[];
    for (;;) {
      yield* page;
      if (page.length < READ_PAGE_ROWS) return;
      const last = page[page.length - 1] as RecordedTrade;
      page = this.reads.tradesAfter.all(market, last.timestamp, last.timestamp, last.sequentialId, to, READ_PAGE_ROWS) as RecordedTrade[];
    }
  }

  saveCandles(candles: readonly StoredCandle[]): void {
    if (candles.length > 0) this.writable().saveCandles(candles);
  }

  recordTrades(trades: readonly RecordedTrade[]): void {
    if (trades.length > 0) this.writable().recordTrades(trades);
  }

  /**
   * Saves one page of a download and the span it covers, in one transaction: after a crash either
   * both are stored or neither, so a covered span never lacks its candles.
   */
  saveDownloadedPage(market: string, timeframe: Timeframe, candles: readonly StoredCandle[], covered: TimeSpan): void {
    if (!(Number.isSafeInteger(covered.start) && Number.isSafeInteger(covered.end) && covered.end > covered.start)) {
      throw new InvalidMarketHistoryRowError('covered', covered, 'a span needs whole-ms start < end');
    }
    this.writable().savePage(market, timeframe, candles, covered);
  }

  /** Spans of `market`/`timeframe` that downloads have paged through completely, merged, oldest first. */
  downloadedSpans(market: string, timeframe: Timeframe): TimeSpan[] {
    return this.reads.downloads.all(market, timeframe) as TimeSpan[];
  }

  /**
   * Runs `work` inside one transaction that may span awaits (a CSV read in chunks): everything it
   * saves is committed together, or nothing is when it throws. Nothing else may write through this
   * instance meanwhile.
   */
  async inTransaction<T>(work: () => Promise<T>): Promise<T> {
    this.writable();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  coverage(): HistoryCoverage[] {
    const candles = this.reads.candleCoverage.all() as HistoryCoverage[];
    const trades = (this.reads.tradeCoverage.all() as Array<Omit<HistoryCoverage, 'timeframe'>>).map((row) => ({ ...row, timeframe: 'trades' as const }));
    return [...candles, ...trades];
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private writable(): ReturnType<typeof prepareWrites> {
    if (!this.writes) throw new MarketHistoryReadOnlyError(this.path);
    return this.writes;
  }
}

function prepareReads(db: Database) {
  return {
    candles: db.prepare(
      'SELECT market, timeframe, start, open, high, low, close, volume, value FROM candles WHERE market = ? AND timeframe = ? AND start >= ? AND start < ? ORDER BY start LIMIT ?',
    ),
    trades: db.prepare(
      'SELECT market, sequential_id AS sequentialId, timestamp, price, volume, side FROM trades WHERE market = ? AND timestamp >= ? AND timestamp < ? ORDER BY timestamp, sequential_id LIMIT ?',
    ),
    tradesAfter: db.prepare(
      `SELECT market, sequential_id AS sequentialId, timestamp, price, volume, side FROM trades
       WHERE market = ? AND timestamp >= ? AND (timestamp > ? OR sequential_id > ?) AND timestamp < ? ORDER BY timestamp, sequential_id LIMIT ?`,
    ),
    candleCoverage: db.prepare('SELECT market, timeframe, COUNT(*) AS count, MIN(start) AS first, MAX(start) AS last FROM candles GROUP BY market, timeframe ORDER BY market, timeframe'),
    tradeCoverage: db.prepare('SELECT market, COUNT(*) AS count, MIN(timestamp) AS first, MAX(timestamp) AS last FROM trades GROUP BY market ORDER BY market'),
    downloads: db.prepare('SELECT start, end FROM candle_downloads WHERE market = ? AND timeframe = ? ORDER BY start'),
  };
}

function hasTable(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function prepareWrites(db: Database, columns: CandleColumnStore) {
  const upsertCandle = db.prepare(
    'INSERT OR REPLACE INTO candles (market, timeframe, start, open, high, low, close, volume, value) VALUES (@market, @timeframe, @start, @open, @high, @low, @close, @volume, @value)',
  );
  const insertTrade = db.prepare('INSERT OR IGNORE INTO trades (market, sequential_id, timestamp, price, volume, side) VALUES (@market, @sequentialId, @timestamp, @price, @volume, @side)');
  const touchingDownloads = db.prepare('SELECT start, end FROM candle_downloads WHERE market = ? AND timeframe = ? AND start <= ? AND end >= ?');
  const deleteDownload = db.prepare('DELETE FROM candle_downloads WHERE market = ? AND timeframe = ? AND start = ?');
  const insertDownload = db.prepare('INSERT INTO candle_downloads (market, timeframe, start, end) VALUES (?, ?, ?, ?)');
  // A transaction function nests as a savepoint inside `inTransaction`, so batches join the outer one.
  return {
    saveCandles: db.transaction((candles: readonly StoredCandle[]) => {
      for (const candle of candles) upsertCandle.run(candleParams(candle));
      columns.rebuildFor(candles);
    }),
    recordTrades: db.transaction((trades: readonly RecordedTrade[]) => {
      for (const trade of trades) insertTrade.run(tradeParams(trade));
    }),
    savePage: db.transaction((market: string, timeframe: Timeframe, candles: readonly StoredCandle[], covered: TimeSpan) => {
      for (const candle of candles) upsertCandle.run(candleParams(candle));
      columns.rebuildFor(candles);
      // Merged with the spans it touches: one row per contiguous downloaded stretch.
      const touching = touchingDownloads.all(market, timeframe, covered.end, covered.start) as TimeSpan[];
      const [merged] = mergeSpans([...touching, covered]);
      for (const span of touching) deleteDownload.run(market, timeframe, span.start);
      if (merged) insertDownload.run(market, timeframe, merged.start, merged.end);
    }),
  };
}

/** Checks a candle before it is written; a bad one aborts its whole batch. */
function candleParams(candle: StoredCandle): CandleRow {
  if (typeof candle.market !== 'string' || candle.market === '') throw new InvalidMarketHistoryRowError('market', candle.market, 'expected a market code');
  if (!KNOWN_TIMEFRAMES.has(candle.timeframe)) throw new InvalidMarketHistoryRowError('timeframe', candle.timeframe, `expected one of ${TIMEFRAMES.join(', ')}`);
  if (!Number.isSafeInteger(candle.start)) throw new InvalidMarketHistoryRowError('start', candle.start, 'expected whole epoch ms');
  for (const field of ['open', 'high', 'low', 'close', 'volume', 'value'] as const) decimal(field, candle[field]);
  return {
    market: candle.market,
    timeframe: candle.timeframe,
    start: candle.start,
    open: candle.open,
    high: candle.high,
    low: candle.low,
    close: candle.close,
    volume: candle.volume,
    value: candle.value,
  };
}

function tradeParams(trade: RecordedTrade): TradeRow {
  if (typeof trade.market !== 'string' || trade.market === '') throw new InvalidMarketHistoryRowError('market', trade.market, 'expected a market code');
  if (!Number.isSafeInteger(trade.sequentialId)) throw new InvalidMarketHistoryRowError('sequentialId', trade.sequentialId, 'expected a whole number');
  if (!Number.isSafeInteger(trade.timestamp)) throw new InvalidMarketHistoryRowError('timestamp', trade.timestamp, 'expected whole epoch ms');
  if (trade.side !== 'ask' && trade.side !== 'bid') throw new InvalidMarketHistoryRowError('side', trade.side, 'expected ask or bid');
  decimal('price', trade.price);
  decimal('volume', trade.volume);
  return { market: trade.market, sequentialId: trade.sequentialId, timestamp: trade.timestamp, price: trade.price, volume: trade.volume, side: trade.side };
}

function decimal(field: string, value: string): void {
  if (typeof value !== 'string' || !DECIMAL_TEXT.test(value)) throw new InvalidMarketHistoryRowError(field, value, 'expected non-negative decimal text such as "12.5"');
}
