/** A setting has a value the trader cannot run with; start-up stops and names it. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(
    readonly setting: string,
    readonly value: string,
    reason: string,
  ) {
    super(`Invalid setting ${setting}=${JSON.stringify(value)}: ${reason}`);
    this.name = 'ConfigError';
  }
}
