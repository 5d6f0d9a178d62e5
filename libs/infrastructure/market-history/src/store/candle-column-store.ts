import type { CandleColumns, StoredCandle } from '@trader/application';
import { TIMEFRAME_MS } from '@trader/application';
import type { Timeframe } from '@trader/domain';
import type { Database, Statement } from 'better-sqlite3';
import { buildColumns, CandleTextRow, COLUMN_PAGE_CANDLES, decodeColumns, encodeColumns, mergeColumns, sliceColumns } from './candle-column-page';

interface PageRow {
  page: number;
  count: number;
  exact: 0 | 1;
  data: Buffer;
}

/**
 * The `candle_columns` table (schema v2): the candles as pages of number columns. Every page a write
 * touched is brought up to date in the write's transaction (`rebuildFor`), so the two never differ.
 */
export class CandleColumnStore {
  private readonly rowsOfPage: Statement;
  private readonly pageAtOrAfter: Statement | undefined;
  private readonly pageAt: Statement | undefined;
  private readonly upsertPage: Statement | undefined;
  private readonly deletePage: Statement | undefined;
  private readonly series: Statement;
  private readonly startsOf: Statement;

  /** `stored`: the file has the table (v2); a read-only v1 file is read through pages built in memory. */
  constructor(
    db: Database,
    stored: boolean,
  ) {
    this.rowsOfPage = db.prepare('SELECT start, open, high, low, close, volume FROM candles WHERE market = ? AND timeframe = ? AND start >= ? AND start < ? ORDER BY start').raw();
    this.series = db.prepare('SELECT DISTINCT market, timeframe FROM candles');
    this.startsOf = db.prepare('SELECT start FROM candles WHERE market = ? AND timeframe = ?').pluck();
    if (!stored) return;
    this.pageAtOrAfter = db.prepare('SELECT page, count, exact, data FROM candle_columns WHERE market = ? AND timeframe = ? AND page >= ? AND page <= ? ORDER BY page LIMIT 1');
    this.pageAt = db.prepare('SELECT page, count, exact, data FROM candle_columns WHERE market = ? AND timeframe = ? AND page = ?');
    this.upsertPage = db.prepare('INSERT OR REPLACE INTO candle_columns (market, timeframe, page, count, exact, data) VALUES (?, ?, ?, ?, ?, ?)');
    this.deletePage = db.prepare('DELETE FROM candle_columns WHERE market = ? AND timeframe = ? AND page = ?');
  }

  /**
   * Brings the pages holding `candles` (just written) up to date, inside the caller's transaction: the
   * written rows merged into the stored page (a download page of 200 candles does not read back the
   * 4,096 rows of its page), or, when a text must be kept, the page rebuilt from its rows.
   */
  rebuildFor(candles: readonly StoredCandle[]): void {
    const touched = new Map<string, { market: string; timeframe: Timeframe; page: number; rows: CandleTextRow[] }>();
    for (const c of candles) {
      const page = pageOf(c.start, c.timeframe);
      const key = `${c.market}\u0000${c.timeframe}\u0000${page}`;
      let entry = touched.get(key);
      if (!entry) touched.set(key, (entry = { market: c.market, timeframe: c.timeframe, page, rows: [] }));
      entry.rows.push([c.start, c.open, c.high, c.low, c.close, c.volume]);
    }
    for (const { market, timeframe, page, rows } of touched.values()) {
      const stored = this.pageAt?.get(market, timeframe, page) as PageRow | undefined;
      const current = stored ? (stored.exact === 1 ? decodeColumns(`${market} ${timeframe} ${page}`, stored.count, stored.data, null) : null) : null;
      const merged = stored && !current ? null : mergeColumns(current, rows);
      if (merged) this.write(market, timeframe, page, merged);
      else this.rebuild(market, timeframe, page);
    }
  }

  /** Builds every page of every series (migrating a v1 file). */
  rebuildAll(): void {
    for (const { market, timeframe } of this.series.all() as Array<{ market: string; timeframe: Timeframe }>) {
      const pages = new Set<number>();
      for (const start of this.startsOf.iterate(market, timeframe) as IterableIterator<number>) pages.add(pageOf(start, timeframe));
      for (const page of pages) this.rebuild(market, timeframe, page);
    }
  }

  /** The candles `from <= start < to` as columns, oldest first, one page (or its part in range) at a time. */
  *read(market: string, timeframe: Timeframe, from: number, to: number): Generator<CandleColumns> {
    if (to <= from) return;
    const span = pageSpan(timeframe);
    const last = pageOf(to - 1, timeframe);
    let page = pageOf(from, timeframe);
    while (page <= last) {
      let columns: CandleColumns;
      if (this.pageAtOrAfter) {
        const row = this.pageAtOrAfter.get(market, timeframe, page, last) as PageRow | undefined;
        if (!row) return;
        page = row.page;
        const texts = row.exact === 1 ? null : this.rows(market, timeframe, page);
        columns = decodeColumns(`${market} ${timeframe} ${page}`, row.count, row.data, texts);
      } else {
        columns = buildColumns(this.rows(market, timeframe, page));
      }
      const part = sliceColumns(columns, Math.max(from, page * span), to);
      if (part) yield part;
      page += 1;
    }
  }

  private rebuild(market: string, timeframe: Timeframe, page: number): void {
    const rows = this.rows(market, timeframe, page);
    if (rows.length === 0) {
      this.deletePage?.run(market, timeframe, page);
      return;
    }
    this.write(market, timeframe, page, buildColumns(rows));
  }

  private write(market: string, timeframe: Timeframe, page: number, columns: CandleColumns): void {
    const encoded = encodeColumns(columns);
    this.upsertPage?.run(market, timeframe, page, encoded.count, encoded.exact, encoded.data);
  }

  private rows(market: string, timeframe: Timeframe, page: number): CandleTextRow[] {
    const span = pageSpan(timeframe);
    return this.rowsOfPage.all(market, timeframe, page * span, page * span + span) as CandleTextRow[];
  }
}

function pageSpan(timeframe: Timeframe): number {
  return COLUMN_PAGE_CANDLES * TIMEFRAME_MS[timeframe];
}

function pageOf(start: number, timeframe: Timeframe): number {
  return Math.floor(start / pageSpan(timeframe));
}
