import type { ExpectedVersion, NewEvent } from '@trader/application';

/** One stream's part of a multi-stream append (all parts commit in one transaction, or none). */
export interface StreamAppend {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly NewEvent[];
}
