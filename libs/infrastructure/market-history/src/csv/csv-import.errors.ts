/** A CSV file that cannot be imported: the line and field named; nothing of the file was stored. */
export class CsvImportError extends Error {
  readonly code = 'CSV_IMPORT_INVALID';

  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly value: string,
    readonly reason: string,
  ) {
    super(`${file} line ${line}, field ${field} ${JSON.stringify(value)}: ${reason}; nothing was imported`);
    this.name = 'CsvImportError';
  }
}
