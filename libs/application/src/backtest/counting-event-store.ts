import { DelegatingEventStore } from '../event-sourcing/delegating-event-store';
import { AppendOptions, AppendResult } from '../ports/append-result';
import { NewEvent } from '../ports/event-envelope';
import { StreamAppend } from '../ports/event-store.port';
import { ExpectedVersion } from '../ports/expected-version';

/**
 * The run's store, noting whether anything was appended since the engine last looked: after most
 * prices nothing was, and the engine skips reading the log.
 */
export class CountingEventStore extends DelegatingEventStore {
  private dirty = false;

  override append(streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    this.dirty = true;
    return super.append(streamId, expectedVersion, events, options);
  }

  override appendBatch(appends: readonly StreamAppend[], options?: AppendOptions): Promise<{ readonly results: readonly AppendResult[] }> {
    this.dirty = true;
    return super.appendBatch(appends, options);
  }

  /** True when something was appended since the last call. */
  takeDirty(): boolean {
    const dirty = this.dirty;
    this.dirty = false;
    return dirty;
  }
}
