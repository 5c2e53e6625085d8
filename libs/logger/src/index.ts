import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout, one line per event, with the service name on every line. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Personal data must never reach logs: drop these wherever they appear.
    redact: { paths: ['*.idNumber', '*.phone', '*.petitionerIdNumber', '*.petitionerPhone', '*.authorization', 'req.headers.authorization'], censor: '[redacted]' },
  });
}
