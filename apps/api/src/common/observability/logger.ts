import { pino } from 'pino';
import type { Logger } from 'pino';

/** Structured JSON logs on stdout; secrets in headers and inputs are redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'partner-hub-api' },
    redact: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.secret', '*.token'],
  });
}
