/** Left-aligned text columns, right-aligned numbers. */
export type ColumnAlign = 'left' | 'right';

/**
 * A plain-text table: a header row, a rule, then the rows, columns padded to their widest cell and
 * separated by two spaces. Trailing spaces are trimmed so the output diffs cleanly.
 */
export function renderTextTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ColumnAlign[]): string[] {
  const widths = header.map((title, column) => rows.reduce((widest, row) => Math.max(widest, row[column].length), title.length));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (align[column] === 'right' ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
}
