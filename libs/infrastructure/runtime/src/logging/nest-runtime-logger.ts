import { Logger } from '@nestjs/common';
import { RuntimeLogger } from './runtime-logger';

/** Sends runtime log lines through Nest's logger, so they share the app's format and level. */
export class NestRuntimeLogger implements RuntimeLogger {
  private readonly logger: Logger;

  constructor(context = 'Runtime') {
    this.logger = new Logger(context);
  }

  info(message: string): void {
    this.logger.log(message);
  }

  warn(message: string): void {
    this.logger.warn(message);
  }

  error(message: string): void {
    this.logger.error(message);
  }
}
