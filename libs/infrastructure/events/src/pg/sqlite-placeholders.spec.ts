import { MixedPlaceholdersError } from './pg-database.errors';
import { toPgPlaceholders } from './sqlite-placeholders';

describe('toPgPlaceholders', () => {
  it('numbers ? placeholders in order', () => {
    expect(toPgPlaceholders('INSERT INTO t (a, b, c) VALUES (?, ?, ?)')).toEqual({ text: 'INSERT INTO t (a, b, c) VALUES ($1, $2, $3)', names: undefined });
    expect(toPgPlaceholders('SELECT * FROM t WHERE a = ?::text[] AND b=?')).toEqual({ text: 'SELECT * FROM t WHERE a = $1::text[] AND b=$2', names: undefined });
  });

  it('numbers @name placeholders by first use and gives a repeated name its first number', () => {
    expect(toPgPlaceholders('UPDATE t SET a = @a_1, b = @Bee WHERE id = @id AND a <> @a_1')).toEqual({
      text: 'UPDATE t SET a = $1, b = $2 WHERE id = $3 AND a <> $1',
      names: ['a_1', 'Bee', 'id'],
    });
  });

  it('leaves a statement without placeholders as it is, and an @ that starts no name', () => {
    expect(toPgPlaceholders('SELECT 1')).toEqual({ text: 'SELECT 1', names: undefined });
    // jsonb containment, and an @ before a digit, are operators, not parameters.
    expect(toPgPlaceholders(`SELECT '{"a":1}'::jsonb @> @doc, @1`)).toEqual({ text: `SELECT '{"a":1}'::jsonb @> $1, @1`, names: ['doc'] });
  });

  it('copies quoted strings and identifiers as they are, doubled quotes included', () => {
    expect(toPgPlaceholders(`SELECT 'what?', 'it''s @me ?', "col?", "a""@b" FROM t WHERE x = ?`)).toEqual({
      text: `SELECT 'what?', 'it''s @me ?', "col?", "a""@b" FROM t WHERE x = $1`,
      names: undefined,
    });
    // A string left open runs to the end: nothing in it is a placeholder.
    expect(toPgPlaceholders(`SELECT ? || 'open ?`).text).toBe(`SELECT $1 || 'open ?`);
  });

  it('copies comments as they are', () => {
    expect(toPgPlaceholders('SELECT ? -- why? @because\n, ? /* what ? @y */ FROM t').text).toBe('SELECT $1 -- why? @because\n, $2 /* what ? @y */ FROM t');
    expect(toPgPlaceholders('SELECT @a /* ? @b */ -- ?')).toEqual({ text: 'SELECT $1 /* ? @b */ -- ?', names: ['a'] });
    expect(toPgPlaceholders('SELECT ? /* never closed ? @z').text).toBe('SELECT $1 /* never closed ? @z');
    // A single dash is minus, a single slash is division.
    expect(toPgPlaceholders('SELECT ? - ?, ? / ?').text).toBe('SELECT $1 - $2, $3 / $4');
  });

  it('refuses a statement that mixes ? and @name, as SQLite does', () => {
    expect(() => toPgPlaceholders('UPDATE t SET a = ? WHERE id = @id')).toThrow(MixedPlaceholdersError);
    expect(() => toPgPlaceholders('UPDATE t SET a = ? WHERE id = @id')).toThrow(expect.objectContaining({ sql: 'UPDATE t SET a = ? WHERE id = @id' }) as Error);
    // Inside quotes or comments neither counts, so this does not mix.
    expect(toPgPlaceholders("UPDATE t SET a = @a WHERE b = '?' -- ?").names).toEqual(['a']);
  });
});
