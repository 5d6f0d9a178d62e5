/** The database was written by a newer version of this code: refusing to run on a schema we do not know. */
export class SchemaTooNewError extends Error {
  readonly code = 'EVENT_DB_SCHEMA_TOO_NEW';

  constructor(
    readonly path: string,
    readonly databaseVersion: number,
    readonly knownVersion: number,
  ) {
    super(`Database ${path} is at schema version ${databaseVersion}; this code knows up to ${knownVersion}`);
    this.name = 'SchemaTooNewError';
  }
}
