import type { CandleColumns, StoredCandle } from '@trader/application';
import { TIMEFRAME_MS } from '@trader/application';
import type { Timeframe } from '@trader/domain';
import type { Database, Statement } from 'better-sqlite3';
import { buildColumns, CandleTextRow, COLUMN_PAGE_CANDLES, decodeColumns, encodeColumns, sliceColumns } from './candle-column-page';

interface PageRow {
  page: number;
  count: number;
  exact: 0 | 1;
  data: Buffer;
}

/**
 * The `candle_columns` table (schema v2): the candles as pages of number columns, rebuilt from the
 * `candles` rows of every page a write touched, in the write's transaction, so the two never differ.
 */
export class CandleColumnStore {
  private readonly rowsOfPage: Statement;
  private readonly pageAtOrAfter: Statement | undefined;
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
    this.upsertPage = db.prepare('INSERT OR REPLACE INTO candle_columns (market, timeframe, page, count, exact, data) VALUES (?, ?, ?, ?, ?, ?)');
    this.deletePage = db.prepare('DELETE FROM candle_columns WHERE market = ? AND timeframe = ? AND page = ?');
  }

  /** Rebuilds the pages holding `candles` (just written), inside the caller's transaction. */
  rebuildFor(candles: readonly StoredCandle[]): void {
    const touched = new Map<string, { market: string; timeframe: Timeframe; pages: Set<number> }>();
    for (const candle of candles) {
      const key = `${candle.market}\u0000${candle.timeframe}`;
      let series = touched.get(key);
      if (!series) touched.set(key, (series = { market: candle.market, timeframe: candle.timeframe, pages: new Set() }));
      series.pages.add(pageOf(candle.start, candle.timeframe));
    }
    for (const { market, timeframe, pages } of touched.values()) for (const page of pages) this.rebuild(market, timeframe, page);
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
    const encoded = encodeColumns(buildColumns(rows));
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
