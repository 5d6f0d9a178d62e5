import type { StoredEvent } from '@trader/application';
import { EventSchemaRegistry } from '../schema/event-schema-registry';
import { decodeEventRow, EventRow } from './event-row';

/** Which column of a row the pages are keyed on: its position, or its version in its stream. */
export type PageKey = 'position' | 'streamVersion';

export interface EventPages {
  /** The rows with a key from `next` on (at most `to`, when the query has a bound), in key order, at most `size` of them. */
  readonly page: (next: number, size: number) => EventRow[];
  readonly key: PageKey;
  readonly from: number;
  /** Last key wanted (inclusive); the query itself applies it, this only stops asking past it. */
  readonly to?: number;
  readonly limit?: number;
  readonly pageSize: number;
  readonly schemas: EventSchemaRegistry;
  /** Passed to `decodeEventRow`: only these types get their metadata parsed. */
  readonly metadataOf?: ReadonlySet<string>;
}

/**
 * The events of keyset pages, decoded one at a time as they are taken: every reader of both stores
 * (SQLite and PostgreSQL) is one query of the shape "key >= next ORDER BY key LIMIT size", and this is
 * the loop around it. A page shorter than asked is the last; the next starts after the last row's key.
 * Nothing is queried before the first event is asked for.
 */
export function eventPages(pages: EventPages): IterableIterator<StoredEvent> {
  return new EventPageIterator(pages);
}

/**
 * An iterator rather than a generator: a rebuild takes every event through `next`. Measured on 200,000
 * events, it reads as fast as the per-store generators it replaced; one shared generator was about 3% slower.
 */
class EventPageIterator implements IterableIterator<StoredEvent> {
  private readonly page: (next: number, size: number) => EventRow[];
  private readonly keyColumn: 0 | 2;
  private readonly to: number;
  private readonly pageSize: number;
  private readonly schemas: EventSchemaRegistry;
  private readonly metadataOf: ReadonlySet<string> | undefined;
  private next_: number;
  private remaining: number;
  private rows: EventRow[] = [];
  private index = 0;
  /** The last page fetched was shorter than asked: nothing comes after its rows. */
  private last = false;

  constructor(pages: EventPages) {
    this.page = pages.page;
    this.keyColumn = pages.key === 'position' ? 0 : 2;
    this.to = pages.to ?? Number.POSITIVE_INFINITY;
    this.pageSize = pages.pageSize;
    this.schemas = pages.schemas;
    this.metadataOf = pages.metadataOf;
    this.next_ = pages.from;
    this.remaining = pages.limit ?? Number.POSITIVE_INFINITY;
  }

  [Symbol.iterator](): IterableIterator<StoredEvent> {
    return this;
  }

  next(): IteratorResult<StoredEvent, undefined> {
    if (this.index === this.rows.length && !this.fetch()) return { value: undefined, done: true };
    return { value: decodeEventRow(this.rows[this.index++] as EventRow, this.schemas, this.metadataOf), done: false };
  }

  /** Reads the next page; false when there is none left (or it is empty). */
  private fetch(): boolean {
    if (this.last || this.remaining <= 0 || this.next_ > this.to) return false;
    const size = Math.min(this.pageSize, this.remaining);
    const rows = this.page(this.next_, size);
    this.rows = rows;
    this.index = 0;
    if (rows.length < size) this.last = true;
    if (rows.length === 0) return false;
    this.remaining -= rows.length;
    this.next_ = ((rows[rows.length - 1] as EventRow)[this.keyColumn] as number) + 1;
    return true;
  }
}
