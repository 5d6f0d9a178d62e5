import type { EventMetadata, StoredEvent } from '@trader/application';

/**
 * A decoded event, made by a constructor instead of an object literal. V8 watches the objects of each
 * literal in the code (allocation-site pretenuring): when most of them outlive a young-generation
 * collection, it allocates that literal's objects straight in the old generation from then on. A
 * rebuild keeps a whole page of events alive while it applies it, so in a fresh process V8 made that
 * decision for the events' literal; every event then went to the old generation, and with it, through
 * the event's references, every payload object: the old generation grew by about 60 MB per 200,000
 * events, and major collections, on two more threads, took the rebuild from 0.9 to 0.7 of `readAll`.
 * Objects made by `new` have no allocation site, so no such decision. Same fields as the literal.
 */
export class DecodedEvent implements StoredEvent {
  constructor(
    readonly position: number,
    readonly streamId: string,
    readonly streamVersion: number,
    readonly eventId: string,
    readonly type: string,
    readonly schemaVersion: number,
    readonly data: unknown,
    readonly metadata: EventMetadata & { recordedAt: number },
  ) {}
}

/** The metadata of an event whose metadata no projection reads: its `recordedAt` only (see `DecodedEvent`). */
export class RecordedAtOnly {
  constructor(readonly recordedAt: number) {}
}
