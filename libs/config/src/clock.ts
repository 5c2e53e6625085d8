import { ConfigError } from './load-config';

/** Time source; tests set it. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/**
 * A service's clock: the system's, or — outside production — one that starts at CLOCK_START and
 * runs on at the real pace (end-to-end tests and demos move a process months ahead this way).
 */
export function configuredClock(service: string, config: { NODE_ENV: string; CLOCK_START?: string | undefined }, now: Clock = systemClock): Clock {
  if (config.CLOCK_START === undefined) return now;
  if (config.NODE_ENV === 'production') throw new ConfigError(service, ['CLOCK_START is for development and tests; production runs on the system clock']);
  const offset = new Date(config.CLOCK_START).getTime() - now().getTime();
  return () => new Date(now().getTime() + offset);
}
