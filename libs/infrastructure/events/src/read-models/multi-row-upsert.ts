import type { SqlDatabase, SqlStatement } from '../database/sql-database';

/** Rows per statement: a statement per row costs a native call, a bind of each value and a step. */
const defaultRowsPerStatement = 32;

/**
 * Writes a batch's rows into one table with `INSERT ... VALUES (...), (...) ON CONFLICT (key) DO UPDATE`,
 * `rowsPerStatement` rows per statement and the rest one by one. Positional parameters: binding named
 * ones costs about a quarter of an insert. A read model's projection pushes each row's values in
 * `columns` order (`push`), then writes what is left (`flush`) before its transaction commits.
 */
export class MultiRowUpsert {
  /** The values of the rows not written yet, row after row. */
  readonly values: unknown[] = [];
  private pending = 0;
  private readonly many: SqlStatement;
  private readonly one: SqlStatement;
  private readonly width: number;

  constructor(
    db: SqlDatabase,
    table: string,
    /** The table's columns, key first. */
    columns: readonly string[],
    private readonly rowsPerStatement = defaultRowsPerStatement,
  ) {
    this.width = columns.length;
    this.many = db.prepare(upsertSql(table, columns, rowsPerStatement));
    this.one = db.prepare(upsertSql(table, columns, 1));
  }

  /** Counts the row whose values were just pushed onto `values`; writes a statement's worth when there is one. */
  pushed(): void {
    this.pending += 1;
    if (this.pending === this.rowsPerStatement) {
      this.many.run(this.values);
      this.values.length = 0;
      this.pending = 0;
    }
  }

  /** Writes the rows still waiting, one statement each. */
  flush(): void {
    for (let i = 0; i < this.values.length; i += this.width) this.one.run(this.values.slice(i, i + this.width));
    this.values.length = 0;
    this.pending = 0;
  }
}

function upsertSql(table: string, columns: readonly string[], rows: number): string {
  const quoted = columns.map((column) => `"${column}"`);
  const row = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${quoted.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}
  ON CONFLICT (${quoted[0]}) DO UPDATE SET ${quoted
    .slice(1)
    .map((column) => `${column} = excluded.${column}`)
    .join(', ')}`;
}
