/** One scalar of the report's metrics, named by its path (`trades.winRatePct`). */
export interface MetricRow {
  readonly name: string;
  readonly value: string | number | boolean | null;
}

export interface MetricTables {
  readonly scalars: MetricRow[];
  /** Lists of records (by market, by exit rule), as tables of their own. */
  readonly lists: { readonly name: string; readonly rows: Record<string, unknown>[] }[];
}

/**
 * The JSON report's metrics (a nested object whose shape is the report file's) as rows for a table:
 * nested scalars flattened to dotted names, lists of records set apart as tables.
 */
export function metricTables(metrics: Record<string, unknown>): MetricTables {
  const scalars: MetricRow[] = [];
  const lists: MetricTables['lists'] = [];
  const walk = (value: unknown, name: string) => {
    if (Array.isArray(value)) {
      lists.push({ name, rows: value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) walk(item, name ? `${name}.${key}` : key);
    } else if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      scalars.push({ name, value });
    }
  };
  walk(metrics, '');
  return { scalars, lists };
}

/** A metric for display: numbers to at most 4 decimals, null as a dash. */
export function formatMetric(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/\.?0+$/, '');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
