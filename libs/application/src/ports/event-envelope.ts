/**
 * What travels with every stored event besides its payload. Correlation and causation ids tie a
 * chain of commands and events together; `sourceTimestamps` carries venue time (for example Upbit's
 * `trade_timestamp`) next to our own `recordedAt`, so replays can tell the two apart.
 */
export interface EventMetadata {
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly commandId?: string;
  /** Who asked for the command an operator gave: `admin-api`, `telegram:<chat id>`. */
  readonly actor?: string;
  /** Epoch ms at which the store committed the event (set by the store, never by the caller). */
  readonly recordedAt?: number;
  /** Epoch ms timestamps from the source of the fact, keyed by their name (`venue`, `exchangeTrade`, ...). */
  readonly sourceTimestamps?: Readonly<Record<string, number>>;
}

/** An event to append. `eventId` is the idempotency key: appending it a second time is a no-op. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  readonly eventId: string;
  readonly type: Type;
  /** Schema version of `data`; 1 when omitted. */
  readonly schemaVersion?: number;
  readonly data: Data;
  readonly metadata?: EventMetadata;
}

/** An event as read back: upcast to the current schema version of its type. */
export interface StoredEvent<Type extends string = string, Data = unknown> {
  /** Global, gap-free, monotonic position across all streams (starts at 1). */
  readonly position: number;
  readonly streamId: string;
  /** Version of the stream after this event (the first event of a stream has version 1). */
  readonly streamVersion: number;
  readonly eventId: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly metadata: EventMetadata & { readonly recordedAt: number };
}
