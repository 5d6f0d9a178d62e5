/** The metrics module's settings (`MetricsOptions`). */
export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');
