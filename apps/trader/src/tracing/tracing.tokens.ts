/** The app's `TraderTracing`, or null when tracing is off. */
export const TRADER_TRACING = Symbol('TRADER_TRACING');
