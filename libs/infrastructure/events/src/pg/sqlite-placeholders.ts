import { MixedPlaceholdersError } from './pg-database.errors';

/** A statement in PostgreSQL's placeholders, with the parameter names when it used `@name`. */
export interface PgStatementText {
  readonly text: string;
  /** For `@name` placeholders: the name of each `$n`, in order; undefined for `?` placeholders. */
  readonly names: readonly string[] | undefined;
}

/**
 * Rewrites SQLite's `?` and `@name` placeholders as `$1, $2, …` so one statement text serves both
 * databases. Quoted strings, quoted identifiers and comments are copied as they are, so a `?` inside
 * a literal stays a character. Mixing the two kinds in one statement is refused, as SQLite does.
 */
export function toPgPlaceholders(sql: string): PgStatementText {
  let text = '';
  let positional = 0;
  const names: string[] = [];
  const byName = new Map<string, number>();
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const end = closingQuote(sql, i, c);
      text += sql.slice(i, end);
      i = end;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      text += sql.slice(i, stop);
      i = stop;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      text += sql.slice(i, stop);
      i = stop;
    } else if (c === '?') {
      positional += 1;
      text += `$${positional}`;
      i += 1;
    } else if (c === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      let end = i + 1;
      while (end < sql.length && /[A-Za-z0-9_]/.test(sql[end] as string)) end += 1;
      const name = sql.slice(i + 1, end);
      let index = byName.get(name);
      if (index === undefined) {
        names.push(name);
        index = names.length;
        byName.set(name, index);
      }
      text += `$${index}`;
      i = end;
    } else {
      text += c;
      i += 1;
    }
  }
  if (positional > 0 && names.length > 0) throw new MixedPlaceholdersError(sql);
  return { text, names: names.length > 0 ? names : undefined };
}

function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i += 1;
    }
  }
  return sql.length;
}
