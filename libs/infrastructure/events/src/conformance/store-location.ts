/**
 * Where one conformance test's event store lives: a fresh, empty store for every test. The suite opens
 * `EventStoreRuntime`s on it (several, to restart) and hands `path` and `account` to the child
 * processes of the race, crash and never-skip tests, which open their own.
 */
export interface StoreLocation {
  /** `EventStoreRuntime`'s `path`: a SQLite file or a `postgres://` URL. */
  readonly path: string;
  /** The PostgreSQL account (its schema); undefined on SQLite. */
  readonly account: string | undefined;
  /** Removes what the test left, once every runtime on it is closed. */
  dispose(): void;
}

/** Makes the store of the next test. */
export type StoreLocationFactory = () => StoreLocation;
