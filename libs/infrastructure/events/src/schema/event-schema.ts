/** Turns the payload of schema version `n` into version `n + 1`. */
export type Upcaster = (data: unknown) => unknown;

/**
 * The storage contract of one event type. `upcasters[n]` upgrades version `n` to `n + 1`, so an event
 * stored at any older version is read back at `currentVersion`.
 */
export interface EventSchema {
  readonly type: string;
  readonly currentVersion: number;
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}
