/** Where a JSON text is broken: the parser's message and the position, 1-based line and column. */
export interface JsonParseError {
  readonly message: string;
  /** 0-based offset into the text. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

export type JsonParseResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: JsonParseError };

/**
 * JSON.parse with the failure's position, caught in the browser before anything is sent. Engines say
 * where differently: V8 "at position 12" (newer V8 adds "(line 2 column 3)"), Firefox "at line 2
 * column 3"; an unexpected end names no position, so it is the end of the text.
 */
export function parseJson(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (failure) {
    const message = failure instanceof Error ? failure.message : String(failure);
    return { ok: false, error: { message, ...positionOf(text, message) } };
  }
}

function positionOf(text: string, message: string): { offset: number; line: number; column: number } {
  const position = /position (\d+)/.exec(message);
  if (position) return locate(text, Math.min(Number(position[1]), text.length));
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) {
    const line = Number(lineColumn[1]);
    const column = Number(lineColumn[2]);
    const lineStart = text.split('\n').slice(0, line - 1).reduce((sum, part) => sum + part.length + 1, 0);
    return { offset: lineStart + column - 1, line, column };
  }
  return locate(text, text.length);
}

/** The 1-based line and column of a 0-based offset. */
export function locate(text: string, offset: number): { offset: number; line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { offset, line: before.split('\n').length, column: offset - lineStart + 1 };
}
