// Structured logs (pino). Secrets and personal data never reach a log line: known sensitive keys are
// redacted wherever they appear, and request logs carry ids, not bodies.
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

const REDACT = [
  'password',
  'newPassword',
  'token',
  'secret',
  'authorization',
  'cookie',
  'email',
  'phone',
  'passwordHash',
  'tokenHash',
  'keyHash',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.secret',
  '*.authorization',
  '*.cookie',
  '*.email',
  '*.phone',
  '*.passwordHash',
  '*.tokenHash',
  '*.keyHash',
  'req.headers.authorization',
  'req.headers.cookie',
  'variables',
  '*.variables',
];

export function createLogger(level: string, name = 'hotlead', destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Per-request values every log line in that request should carry. */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();
