import type { Logger } from '@pgov/logger';

export { createLogger, type Logger } from '@pgov/logger';

/** Adapts pino to the logger interface Apollo Server and @apollo/gateway expect. */
export function apolloLogger(logger: Logger) {
  const child = logger.child({ component: 'apollo' });
  return {
    debug: (message?: unknown) => child.debug(String(message)),
    info: (message?: unknown) => child.info(String(message)),
    warn: (message?: unknown) => child.warn(String(message)),
    error: (message?: unknown) => child.error(String(message)),
  };
}
