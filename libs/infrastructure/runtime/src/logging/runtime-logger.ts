/**
 * The runtime's view of a logger. Kept this small so the runtime does not depend on a logging
 * library; the app adapts Nest's logger (or pino) to it.
 */
export interface RuntimeLogger {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/** Writes nothing: for tests that assert on state rather than on log lines. */
export const silentLogger: RuntimeLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
