import { describe, expect, it } from 'vitest';
import { locate, parseJson } from './json-text';

describe('parseJson', () => {
  it('returns the value of valid JSON', () => {
    expect(parseJson('{"id": "a", "markets": ["KRW-BTC"]}')).toEqual({ ok: true, value: { id: 'a', markets: ['KRW-BTC'] } });
  });

  it('points at the line and column of a missing comma', () => {
    const text = '{\n  "id": "a"\n  "name": "b"\n}';
    const result = parseJson(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual(expect.objectContaining({ line: 3, column: 3, offset: text.indexOf('"name"') }));
  });

  it('points at a trailing comma on its line', () => {
    const result = parseJson('{\n  "a": 1,\n}');
    expect(result.ok ? undefined : { line: result.error.line, column: result.error.column }).toEqual({ line: 3, column: 1 });
  });

  it('puts an unexpected end at the end of the text', () => {
    const text = '{\n  "markets": [\n';
    const result = parseJson(text);
    expect(result.ok ? undefined : result.error).toEqual(expect.objectContaining({ offset: text.length, line: 3, column: 1 }));
  });
});

describe('locate', () => {
  it('counts lines and columns from 1', () => {
    expect(locate('ab\ncd', 0)).toEqual({ offset: 0, line: 1, column: 1 });
    expect(locate('ab\ncd', 4)).toEqual({ offset: 4, line: 2, column: 2 });
  });
});
