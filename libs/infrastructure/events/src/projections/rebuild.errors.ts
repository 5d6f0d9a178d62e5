/**
 * Projections rebuilt together must share one connection: each batch is one transaction for all of
 * them, which a second connection could not join.
 */
export class RebuildConnectionsError extends Error {
  readonly code = 'REBUILD_CONNECTIONS_DIFFER';

  constructor(readonly projections: readonly string[]) {
    super(`Cannot rebuild ${projections.join(', ')} together: they write through different connections`);
    this.name = 'RebuildConnectionsError';
  }
}
