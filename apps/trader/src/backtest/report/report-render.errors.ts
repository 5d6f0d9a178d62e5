/** A report value that no output format can hold (NaN, a function): a bug in the report, never data to hide. */
export class ReportRenderError extends Error {
  readonly code = 'REPORT_RENDER';

  constructor(
    readonly path: string,
    readonly value: unknown,
    reason: string,
  ) {
    super(`report value ${path} ${reason}`);
    this.name = 'ReportRenderError';
  }
}
