import type { BacktestReport } from '@trader/application';
import { ReportRenderError } from './report-render.errors';

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * The report as JSON: keys sorted at every level, 2-space indent, a final newline, so the same report
 * is the same bytes. JSON has no infinity: an infinite ratio (profit factor without losses) is "inf".
 */
export function renderJsonReport(report: BacktestReport): string {
  return `${JSON.stringify(canonical(report, '$'), null, 2)}\n`;
}

function canonical(value: unknown, path: string): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw new ReportRenderError(path, value, 'is NaN: a metric without a value must be null');
    if (value === Infinity) return 'inf';
    if (value === -Infinity) return '-inf';
    return value;
  }
  if (Array.isArray(value)) return value.map((item, index) => canonical(item, `${path}[${index}]`));
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, item]) => [key, canonical(item, `${path}.${key}`)]));
  }
  throw new ReportRenderError(path, typeof value, 'cannot be held by JSON');
}
