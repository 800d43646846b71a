import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';

/**
 * JSON logs. Request logs carry method, path, status and the request id only: never headers
 * (cookies), bodies (passwords, consultation data) or query strings.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'hokenshitsu' },
    redact: { paths: ['req.headers', 'password', '*.password', 'cookie', '*.cookie'], remove: true },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** Nest's own messages through the same pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
