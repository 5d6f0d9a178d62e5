export type { DeadLetter } from './bus/dead-letter';
export { CatchUpTimeoutError, DeadLetterNotFoundError, EventStoreNotStartedError, SubscriberRegistrationError, UnknownSubscriberError, UnstoredEventError } from './bus/event-bus.errors';
export { handlerFailedStream, handlerFailedType } from './bus/handler-failed';
export type { HandlerFailedData } from './bus/handler-failed';
export { lanes } from './bus/lane';
export type { Lane } from './bus/lane';
export { LaneDispatcher } from './bus/lane-dispatcher';
export type { DispatcherStats, HandlerStats, LaneStats } from './bus/lane-stats';
export type { LaneStatus, LaneSupervisionListener } from './bus/lane-supervision';
export { PublishingEventStore } from './bus/publishing-event-store';
export type { AppendObserver, ObservedAppend } from './bus/publishing-event-store';
export type { RetryOutcome } from './bus/retry-outcome';
export type { RetryOptions } from './bus/retry-policy';
export { SchemaTooNewError, TransactionInProgressError, WalCheckpointError } from './database/database.errors';
export { SqliteFileLease } from './database/sqlite-file-lease.bootstrap';
export type { SqliteFileLeaseOptions } from './database/sqlite-file-lease.bootstrap';
export { WalCheckpointer } from './database/wal-checkpointer';
export type { CheckpointSynchronous, WalCheckpointerOptions, WalCheckpointResult } from './database/wal-checkpointer';
export { defaultEventDatabasePath } from './database/event-database.options';
export { sqlDialect } from './database/sql-database';
export type { SqlDatabase, SqlDialect, SqlRunResult, SqlStatement, SqlTransaction } from './database/sql-database';
export { accountSchema, InvalidAccountNameError } from './pg/account-schema';
export { migratePg } from './pg/migrate-pg';
export { PgAccountLease } from './pg/pg-account-lease';
export { PgAppendConnection } from './pg/pg-append-connection';
export type { PgAppendConnectionOptions } from './pg/pg-append-connection';
export type { LeaseCheck, PgAccountLeaseOptions } from './pg/pg-account-lease';
export { AccountLeaseMismatchError, AccountLeaseNotHeldError, LeaseFenceTakenError } from './pg/pg-account-lease.errors';
export { MixedPlaceholdersError, PgConnectionClosedError, PgConnectionLostError, PgQueryError, PgTransactionAbortedError } from './pg/pg-database.errors';
export { PgEventStore } from './pg/pg-event-store';
export type { PgEventStoreOptions } from './pg/pg-event-store';
export { PgLogReader } from './pg/pg-log-reader';
export type { PgLogReaderOptions } from './pg/pg-log-reader';
export { pgMigrations } from './pg/pg-migrations';
export { isPgUrl, PgSyncDatabase, quotePgIdentifier, redactPgUrl } from './pg/pg-sync-database';
export type { PgSyncDatabaseOptions } from './pg/pg-sync-database';
export type { CommittedAppends } from './store/append-encoding';
export type { EventLog, EventPagesAhead } from './store/event-log';
export { eventLogReaderOf } from './store/event-log-reader';
export type { EventLogReader } from './store/event-log-reader';
export { openEventDatabase } from './database/open-event-database.bootstrap';
export { EventStoreRuntime } from './event-store-runtime';
export type { EventStoreRuntimeOptions, ReadModelEntity, WalCheckpointSettings } from './event-store-runtime.options';
export { EventStoreModule } from './nest/event-store.module';
export type { EventStoreModuleOptions } from './nest/event-store.module.options';
export { LaneHandler } from './nest/lane-handler.decorator';
export type { LaneHandlerOptions } from './nest/lane-handler.decorator';
export { StoredEventMessage, storedEventClass, toStoredEventMessage } from './nest/stored-event-message';
export { StoredEventPublisher } from './nest/stored-event-publisher';
export type { Projection, ProjectionTables, RebuildProgress } from './projections/projection';
export { ProjectionSubscriber } from './projections/projection-subscriber';
export { rebuildProjection, rebuildProjections } from './projections/rebuild-projection';
export type { RebuildOptions, RebuildTuning } from './projections/rebuild-projection';
export { RebuildConnectionsError } from './projections/rebuild.errors';
export type { EventSchema, Upcaster } from './schema/event-schema';
export { EventSchemaRegistry } from './schema/event-schema-registry';
export { SqlSnapshotStore } from './snapshots/sql-snapshot-store';
export {
  CorruptEventError,
  DuplicateEventIdError,
  EventSerializationError,
  InvalidAppendError,
  PageReaderError,
  UnknownEventTypeError,
  UnsupportedSchemaVersionError,
} from './store/event-store.errors';
export { SqliteEventStore } from './store/sqlite-event-store';
export type { StreamAppend } from './store/stream-append';
export type { EventSubscriber } from './subscriptions/event-subscriber';
export { DailyPnlRow } from './read-models/daily-pnl.row';
export { OrderViewRow } from './read-models/order-view.row';
export { ORDER_VIEWS_PROJECTION, orderViewsProjection } from './read-models/order-views.projection';
export { PositionViewRow } from './read-models/position-view.row';
export { ReadModelTrackedOrders } from './read-models/read-model-tracked-orders';
export type { ReadModelTrackedOrdersOptions } from './read-models/read-model-tracked-orders';
export { positionsProjection } from './read-models/positions.projection';
export { SqliteTradingReadModels } from './read-models/sqlite-trading-read-models';
export { strategiesProjection } from './read-models/strategies.projection';
export { StrategyViewRow } from './read-models/strategy-view.row';
export { tradingProjections, tradingReadModelEntities } from './read-models/trading-read-models';
