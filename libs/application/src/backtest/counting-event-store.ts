import { DelegatingEventStore } from '../event-sourcing/delegating-event-store';
import { AppendOptions, AppendResult } from '../ports/append-result';
import { NewEvent, StoredEvent } from '../ports/event-envelope';
import { EventStore, StreamAppend } from '../ports/event-store.port';
import { ExpectedVersion } from '../ports/expected-version';
import { isNotifying, NotifyingEventStore } from './notifying-event-store';

const NOTHING: readonly StoredEvent[] = [];
/** A stream whose end is not known here (an append to it is out, failed or was a replay): reads go to the store. */
const UNKNOWN = Number.POSITIVE_INFINITY;

/**
 * The run's store, handing the engine the events appended since it last looked (`takeAppended`): after
 * most prices there are none, and nothing is read. On a store that hands over what it committed
 * (`NotifyingEventStore`, the SQLite store) those envelopes are kept in commit order and the log is not
 * read back at all; on another store the log is read from the engine's checkpoint.
 *
 * It also knows how far each stream goes, from the appends made through it and the reads that reached
 * a stream's end, and answers a read past that end without a query: the repositories keep the states
 * they loaded and ask only for the events after them, which is almost always nothing, thousands of
 * times a run. This holds because the run owns its store: every append of the run goes through here.
 */
export class CountingEventStore extends DelegatingEventStore {
  private dirty = false;
  /** Envelopes committed since the last `takeAppended`, in position order; null when the store does not hand them over. */
  private committed: StoredEvent[] | null;
  private readonly notifying: NotifyingEventStore | null;
  private readonly keep = (committed: StoredEvent[]): void => {
    for (const event of committed) (this.committed as StoredEvent[]).push(event);
  };
  /** For each stream: no event of it has a higher version (UNKNOWN: not known). */
  private readonly lastVersions = new Map<string, number>();
  /** Appends not yet answered, by stream: a read that ends meanwhile may not have seen theirs. */
  private readonly appending = new Map<string, number>();
  private readonly startedEmpty: boolean;

  constructor(inner: EventStore) {
    super(inner);
    this.startedEmpty = inner.lastPosition() === 0;
    this.notifying = isNotifying(inner) ? inner : null;
    this.committed = this.notifying ? [] : null;
  }

  override async append(streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    const { notifying } = this;
    const result = await this.tracked([streamId], async () =>
      notifying ? ((await notifying.appendAndNotify([{ streamId, expectedVersion, events }], options, this.keep)).results[0] as AppendResult) : super.append(streamId, expectedVersion, events, options),
    );
    this.noteAppended(result);
    return result;
  }

  override async appendBatch(appends: readonly StreamAppend[], options?: AppendOptions): Promise<{ readonly results: readonly AppendResult[] }> {
    const { notifying } = this;
    const outcome = await this.tracked(
      appends.map((a) => a.streamId),
      () => (notifying ? notifying.appendAndNotify(appends, options, this.keep) : super.appendBatch(appends, options)),
    );
    for (const result of outcome.results) this.noteAppended(result);
    return outcome;
  }

  override readStream(streamId: string, fromVersion = 1, limit = Number.POSITIVE_INFINITY): Iterable<StoredEvent> {
    // In a store that was empty, a stream nothing was appended to through here has no event.
    const last = this.lastVersions.get(streamId) ?? (this.startedEmpty ? 0 : UNKNOWN);
    if (fromVersion > last || limit <= 0) return NOTHING;
    // A limited read stops short of the end: it tells nothing about where the stream ends.
    if (limit !== Number.POSITIVE_INFINITY) return super.readStream(streamId, fromVersion, limit);
    return this.readToEnd(streamId, fromVersion);
  }

  /**
   * The events appended since the last call, oldest first; null when nothing was appended. Without
   * envelopes from the store, they are the log's events from `fromPosition` (the caller's checkpoint + 1).
   */
  takeAppended(fromPosition: number): readonly StoredEvent[] | null {
    if (!this.dirty) return null;
    this.dirty = false;
    if (!this.committed) return [...this.inner.readAll(fromPosition)];
    const taken = this.committed;
    this.committed = [];
    return taken;
  }

  private *readToEnd(streamId: string, fromVersion: number): Generator<StoredEvent> {
    let last = fromVersion - 1;
    for (const event of super.readStream(streamId, fromVersion)) {
      last = event.streamVersion;
      yield event;
    }
    // Only a read that reached the end knows it; no event has a version past the last one read (or past fromVersion - 1).
    if ((this.lastVersions.get(streamId) ?? UNKNOWN) === UNKNOWN && !this.appending.has(streamId)) this.lastVersions.set(streamId, last);
  }

  /** Runs an append with its streams' ends unknown until it has answered: reads meanwhile go to the store. */
  private async tracked<T>(streamIds: readonly string[], append: () => Promise<T>): Promise<T> {
    this.dirty = true;
    for (const streamId of streamIds) {
      this.lastVersions.set(streamId, UNKNOWN);
      this.appending.set(streamId, (this.appending.get(streamId) ?? 0) + 1);
    }
    try {
      return await append();
    } finally {
      for (const streamId of streamIds) {
        const left = (this.appending.get(streamId) ?? 1) - 1;
        if (left === 0) this.appending.delete(streamId);
        else this.appending.set(streamId, left);
      }
    }
  }

  private noteAppended(result: AppendResult): void {
    // Another append to the stream is still out: its end stays unknown until that one answers.
    if (this.appending.has(result.streamId)) return;
    // The port does not say which version a replayed append reports (the stores give the stream's current one): not relied on.
    this.lastVersions.set(result.streamId, result.duplicate ? UNKNOWN : result.nextExpectedVersion);
  }
}
