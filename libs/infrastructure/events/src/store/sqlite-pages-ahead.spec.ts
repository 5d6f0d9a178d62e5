import type { StoredEvent } from '@trader/application';
import Sqlite from 'better-sqlite3';
import { migrate } from '../database/migrate';
import { EventSchemaRegistry } from '../schema/event-schema-registry';
import { sampleEvents, TempEventDatabase, tempEventDatabase } from '../test-support/temp-event-database';
import type { EventPagesAhead } from './event-log';
import { CorruptEventError, PageReaderError } from './event-store.errors';
import { SqliteEventStore } from './sqlite-event-store';
import { SqlitePagesAhead } from './sqlite-pages-ahead';

/** Every page of a range, in order. */
async function pagesOf(reader: EventPagesAhead, ...args: Parameters<EventPagesAhead['pages']>): Promise<StoredEvent[][]> {
  const pages: StoredEvent[][] = [];
  for await (const page of reader.pages(...args)) pages.push(page);
  return pages;
}

const schemas = (): EventSchemaRegistry =>
  new EventSchemaRegistry(
    [
      // Version 1 stored `n`; version 2 calls it `count`.
      { type: 'SampleRecorded', currentVersion: 2, upcasters: { 1: (data) => ({ count: (data as { n: number }).n }) } },
      { type: 'Other', currentVersion: 1 },
    ],
    { rejectUnknownTypes: true },
  );

/**
 * The page reader on its worker thread against a real SQLite file: the same events `readRange` reads
 * (decoded, upcast, filtered by type, metadata only where wanted), in pages whose last is short, and
 * the same errors, the row-by-row path naming a corrupt row.
 */
describe('SqlitePagesAhead (reading the log ahead on a worker thread)', () => {
  let t: TempEventDatabase;
  let reader: SqlitePagesAhead | undefined;
  beforeEach(async () => {
    t = tempEventDatabase();
    // Stored at version 1 (no schemas yet), in three streams, two types, with metadata.
    for (let i = 0; i < 10; i += 1) {
      await t.store.append(`s-${i % 3}`, 'any', [
        ...sampleEvents(`a${i}`, 2).map((event) => ({ ...event, metadata: { correlationId: `c-${i}` } })),
        { eventId: `o${i}`, type: 'Other', data: { i, text: 'naïve "quoted", comma' }, metadata: { correlationId: `o-${i}` } },
      ]);
    }
    t = t.reopen(schemas());
  });
  afterEach(async () => {
    await reader?.close();
    reader = undefined;
    t.cleanup();
  });
  /** The store's own reader, or one allowed `ahead` unacknowledged pages, read in parts of at most `partRows`. */
  const open = (ahead?: number, partRows?: number): SqlitePagesAhead => {
    const opened =
      ahead === undefined && partRows === undefined
        ? t.store.pagesAhead()
        : new SqlitePagesAhead({ file: t.path, schemas: schemas(), ...(ahead === undefined ? {} : { ahead }), ...(partRows === undefined ? {} : { partRows }), readRows: (...args) => t.store.readRange(...args) });
    if (!(opened instanceof SqlitePagesAhead)) throw new Error('the SQLite store on a WAL file has a page reader');
    reader = opened;
    return opened;
  };

  it.each([
    ['every type, pages of 4 (the last short)', undefined, 4, undefined],
    ['every type, pages of 5 (the last empty)', undefined, 5, undefined],
    ['one type, pages of 3', ['SampleRecorded'], 3, undefined],
    ['metadata of one type only', undefined, 7, new Set(['Other'])],
    ['no metadata at all, one page', ['Other', 'SampleRecorded'], 1_000, new Set<string>()],
  ] as const)('reads what readRange reads (%s)', async (_, types, pageSize, metadataOf) => {
    const ahead = open();
    const expected = [...t.store.readRange(2, 26, types, Number.POSITIVE_INFINITY, metadataOf)];
    const pages = await pagesOf(ahead, 2, 26, types, pageSize, metadataOf);
    expect(pages.flat()).toEqual(expected);
    expect(pages.slice(0, -1).every((page) => page.length === pageSize)).toBe(true);
    expect((pages.at(-1) as StoredEvent[]).length).toBeLessThan(pageSize);
    // Upcast on this thread, as readRange does, and metadata parsed only where wanted.
    expect(expected.find((event) => event.type === 'SampleRecorded')?.data).toEqual({ count: 1 });
    if (metadataOf?.has('Other')) expect(expected.find((event) => event.type === 'SampleRecorded')?.metadata).toEqual({ recordedAt: t.clock.now() });
  });

  it('reads every page when the worker may read only one ahead', async () => {
    const ahead = open(1);
    const pages = await pagesOf(ahead, 1, 30, undefined, 2);
    expect(pages.flat()).toEqual([...t.store.readRange(1, 30, undefined)]);
    expect(pages).toHaveLength(16);
  });

  it.each([
    ['pages of 7 in parts of 3, 3 and 1', 7, 3, undefined],
    ['pages of 5 in parts of 2, 2 and 1, the last page empty', 5, 2, undefined],
    ['pages of 4 in parts of 1, one type', 4, 1, ['SampleRecorded']],
    ['parts larger than a page', 3, 50, undefined],
  ] as const)('reads a page in parts and hands it over whole (%s)', async (_, pageSize, partRows, types) => {
    const ahead = open(undefined, partRows);
    const pages = await pagesOf(ahead, 2, 26, types, pageSize);
    expect(pages.flat()).toEqual([...t.store.readRange(2, 26, types)]);
    expect(pages.slice(0, -1).every((page) => page.length === pageSize)).toBe(true);
    expect((pages.at(-1) as StoredEvent[]).length).toBeLessThan(pageSize);
  });

  it('reads wide rows in smaller parts, to the same whole pages', async () => {
    // 60 events of about 7,000 characters: after the first part, parts of 8 rows (60,000 characters).
    await t.store.append('wide', 'any', Array.from({ length: 60 }, (_, i) => ({ eventId: `w${i}`, type: 'Other', data: { i, text: 'x'.repeat(7_000) } })));
    const ahead = open();
    const pages = await pagesOf(ahead, 25, 90, undefined, 25);
    expect(pages.flat()).toEqual([...t.store.readRange(25, 90, undefined)]);
    expect(pages.map((page) => page.length)).toEqual([25, 25, 16]);
  });

  it('reads a range with a part that only the row reader decodes, and reads on after a range stopped mid-page', async () => {
    await t.store.append('with\u0000nul', 'any', [{ eventId: 'id\u0000nul', type: 'Other', data: {} }]);
    await t.store.append('after', 'any', sampleEvents('after', 4));
    const ahead = open(undefined, 2);
    const pages = await pagesOf(ahead, 1, 35, undefined, 6);
    expect(pages.flat()).toEqual([...t.store.readRange(1, 35, undefined)]);
    expect(pages.map((page) => page.length)).toEqual([6, 6, 6, 6, 6, 5]);
    for await (const page of ahead.pages(1, 35, undefined, 6)) {
      expect(page.map((event) => event.position)).toEqual([1, 2, 3, 4, 5, 6]);
      break;
    }
    expect((await pagesOf(ahead, 29, 35, undefined, 6)).flat().map((event) => event.position)).toEqual([29, 30, 31, 32, 33, 34, 35]);
  });

  it('reads one range after another, also after a reader that stopped early', async () => {
    const ahead = open();
    for await (const page of ahead.pages(1, 30, undefined, 2)) {
      expect(page.map((event) => event.position)).toEqual([1, 2]);
      break;
    }
    expect((await pagesOf(ahead, 20, 30, undefined, 4)).flat().map((event) => event.position)).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
  });

  it('refuses a second range while one is being read', async () => {
    const ahead = open();
    const first = ahead.pages(1, 30, undefined, 2)[Symbol.asyncIterator]();
    expect((await first.next()).done).toBe(false);
    await expect(pagesOf(ahead, 1, 30, undefined, 2)).rejects.toThrow(PageReaderError);
    await first.return?.(undefined);
  });

  it('sees what was committed before each page is read', async () => {
    const ahead = open();
    const pages = ahead.pages(1, 40, undefined, 10)[Symbol.asyncIterator]();
    expect((await pages.next()).value).toHaveLength(10);
    await t.store.append('late', 'any', sampleEvents('late', 10));
    const rest: StoredEvent[] = [];
    for (let next = await pages.next(); !next.done; next = await pages.next()) rest.push(...next.value);
    expect(rest.map((event) => event.position)).toEqual(Array.from({ length: 30 }, (_, i) => 11 + i));
  });

  it('names a corrupt row by position and stream, as the row reader does', async () => {
    t.db.prepare(`UPDATE events SET payload = '{"n": 1}, {"n": 2}' WHERE position = 8`).run();
    const ahead = open();
    const corrupt = expect.objectContaining({ constructor: CorruptEventError, position: 8, streamId: 's-2' }) as Error;
    expect(() => [...t.store.readRange(1, 30, undefined)]).toThrow(corrupt);
    await expect(pagesOf(ahead, 1, 30, undefined, 5)).rejects.toThrow(corrupt);
  });

  it('names a row whose wanted metadata is not an object', async () => {
    t.db.prepare(`UPDATE events SET metadata = '[1]' WHERE position = 3`).run();
    const ahead = open();
    await expect(pagesOf(ahead, 1, 30, undefined, 5, new Set(['Other']))).rejects.toThrow(
      expect.objectContaining({ constructor: CorruptEventError, position: 3, message: expect.stringContaining('metadata is not an object') as string }) as Error,
    );
    // Unwanted, it is neither parsed nor checked, as by readRange: six full pages and the empty last.
    await expect(pagesOf(ahead, 1, 30, undefined, 5, new Set(['SampleRecorded']))).resolves.toHaveLength(7);
  });

  it('decodes a page whose identifiers hold the separator row by row, to the same events', async () => {
    await t.store.append('with\u0000nul', 'any', [{ eventId: 'id\u0000nul', type: 'Other', data: {} }]);
    const ahead = open();
    const pages = await pagesOf(ahead, 25, 31, undefined, 10);
    expect(pages.flat()).toEqual([...t.store.readRange(25, 31, undefined)]);
    expect(pages.flat().at(-1)).toMatchObject({ streamId: 'with\u0000nul', eventId: 'id\u0000nul' });
  });

  it('reports an unknown type as the row reader does', async () => {
    t = t.reopen();
    await t.store.append('x', 'any', [{ eventId: 'm', type: 'Mystery', data: {} }]);
    t = t.reopen(schemas());
    const ahead = open();
    await expect(pagesOf(ahead, 1, 31, undefined, 10)).rejects.toThrow(expect.objectContaining({ position: 31, eventType: 'Mystery' }) as Error);
  });

  it('fails with PageReaderError when its thread cannot open the file, and after close', async () => {
    const missing = new SqlitePagesAhead({ file: `${t.dir}/missing.db`, schemas: schemas(), readRows: () => [] });
    try {
      await expect(pagesOf(missing, 1, 10, undefined, 5)).rejects.toThrow(PageReaderError);
    } finally {
      await missing.close();
    }
    const ahead = open();
    await ahead.close();
    await expect(pagesOf(ahead, 1, 10, undefined, 5)).rejects.toThrow(new PageReaderError('the reader was closed'));
  });

  it('has none for an in-memory database, which another connection cannot open, nor outside WAL', () => {
    const memory = new Sqlite(':memory:');
    const rollback = new Sqlite(`${t.dir}/rollback.db`);
    try {
      for (const db of [memory, rollback]) migrate(db, db.name, t.clock.now());
      expect(new SqliteEventStore(memory, { clock: t.clock }).pagesAhead()).toBeUndefined();
      rollback.pragma('journal_mode = DELETE');
      expect(new SqliteEventStore(rollback, { clock: t.clock }).pagesAhead()).toBeUndefined();
    } finally {
      memory.close();
      rollback.close();
    }
  });
});
