/** The metrics listener was asked where it listens before it started (or after it stopped). */
export class MetricsListenerNotStartedError extends Error {
  readonly code = 'METRICS_LISTENER_NOT_STARTED';

  constructor(readonly port: number) {
    super(`the metrics listener (port ${port}) is not listening`);
    this.name = 'MetricsListenerNotStartedError';
  }
}
