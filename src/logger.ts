/**
 * Structured logs (pino) to stderr, so command output on stdout stays clean.
 * Never log tokens or customer personal data: log complaint numbers and person keys only.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'kesu' }, redact: { paths: ['*.token', '*.secret', '*.password', '*.contact'], censor: '[redacted]' } }, pino.destination(2));
}
