import { DelegatingEventStore } from '../event-sourcing/delegating-event-store';
import { AppendOptions, AppendResult } from '../ports/append-result';
import { NewEvent } from '../ports/event-envelope';
import { StreamAppend } from '../ports/event-store.port';
import { ExpectedVersion } from '../ports/expected-version';

/**
 * An event store seen by one writer, in front of the real one, that lets a test slip another writer's
 * command in between this writer's load and its append: the race of the private stream's recorder with
 * the cancellation saga on one order stream, made deterministic. The other writer must write to the
 * underlying store, not through this one.
 */
export class InterleavedEventStore extends DelegatingEventStore {
  private readonly pending: Array<() => Promise<unknown>> = [];

  /** Runs `step` right before this writer's next append (once). */
  beforeNextAppend(step: () => Promise<unknown>): void {
    this.pending.push(step);
  }

  override async append(streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    await this.pending.shift()?.();
    return this.inner.append(streamId, expectedVersion, events, options);
  }

  override async appendBatch(appends: readonly StreamAppend[], options?: AppendOptions): Promise<{ readonly results: readonly AppendResult[] }> {
    await this.pending.shift()?.();
    return this.inner.appendBatch(appends, options);
  }
}
