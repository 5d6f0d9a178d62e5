import { EventStoreRuntimeOptions } from '../event-store-runtime.options';
import { Projection } from '../projections/projection';

/** `EventStoreModule.forRoot` options; clock, task manager and logger come from the RuntimeModule. */
export type EventStoreModuleOptions = Omit<EventStoreRuntimeOptions, 'clock' | 'tasks' | 'logger'> & {
  readonly projections?: readonly Projection[];
  /** Kernel components the event store starts after (and stops before), besides the task manager: the account lease. */
  readonly dependsOn?: readonly string[];
};
