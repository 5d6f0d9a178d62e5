import { appendAndReadConformance } from './append-and-read.conformance';
import { ConformanceContext } from './conformance-context';
import { projectionsConformance } from './projections.conformance';
import { snapshotsConformance } from './snapshots.conformance';
import { subscriptionsConformance } from './subscriptions.conformance';
import { StoreLocationFactory } from './store-location';
import { WriterProcessLoad, writerProcessesConformance } from './writer-processes.conformance';

/** What one store has that the other has not, so the suite also runs the paths only it has. */
export interface StoreTraits {
  /** The store reads a rebuild's pages ahead on a thread of its own (`EventLog.pagesAhead`): SQLite. */
  readonly pageReader?: boolean;
}

/**
 * The one behaviour both event stores must have (issue 17): run by `sqlite.conformance.spec.ts` and
 * `postgres.conformance.spec.ts`, each with a factory of fresh store locations. Everything goes through
 * `EventStoreRuntime`, as the app does, so the store, checkpoints, dead letters, snapshots, lanes and
 * projections are all the ones of that database.
 */
export function eventStoreConformance(name: string, factory: StoreLocationFactory, load: WriterProcessLoad & StoreTraits): void {
  describe(`event store conformance: ${name}`, () => {
    const t = new ConformanceContext(factory);
    appendAndReadConformance(t);
    snapshotsConformance(t);
    subscriptionsConformance(t);
    projectionsConformance(t, load.pageReader === true);
    writerProcessesConformance(t, load);
  });
}
