import type { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import pretty from 'pino-pretty';

/**
 * Every log line of the process (Nest's and the runtime's) goes through pino: one JSON object per line
 * when stdout is not a terminal (files, collectors), readable lines when it is. The Nest context
 * ("Runtime", "NestFactory", ...) becomes the `context` field. Nothing logs configuration objects, and
 * credentials render as "[redacted]" even if one ever were logged.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  static create(options: { pretty: boolean; level?: string }): PinoNestLogger {
    const base = { level: options.level ?? 'info', redact: ['*.secretKey', '*.accessKey', '*.token', 'authorization'] };
    // Synchronous writes: lines keep their order and none is lost when the process exits.
    const destination = options.pretty
      ? pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' })
      : pino.destination({ dest: 1, sync: true });
    return new PinoNestLogger(pino(base, destination));
  }

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  error(message: unknown, ...rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    this.write('error', message, context);
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', message: unknown, context?: string): void {
    const fields = context ? { context } : {};
    if (message instanceof Error) this.pino[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'string') this.pino[level](fields, message);
    else this.pino[level]({ ...fields, data: message }, 'event');
  }
}
