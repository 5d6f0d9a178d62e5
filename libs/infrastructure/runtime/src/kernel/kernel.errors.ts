/** A component could not start; the ones started before it have been stopped again. */
export class KernelStartError extends Error {
  readonly code = 'KERNEL_START_FAILED';

  constructor(
    readonly component: string,
    cause: unknown,
  ) {
    super(`Start-up failed: component "${component}" did not start: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'KernelStartError';
  }
}

/** The components cannot be put in an order: an unknown dependency, a duplicate name or a cycle. */
export class KernelConfigurationError extends Error {
  readonly code = 'KERNEL_CONFIGURATION_INVALID';

  constructor(
    message: string,
    readonly components: readonly string[],
  ) {
    super(message);
    this.name = 'KernelConfigurationError';
  }
}
