import { ConfigError } from '@pgov/config';
import { toChinaWallClock } from '@pgov/reference-data';

/** Time source; tests set it. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** The calendar year in China Standard Time (UTC+8), which numbers restart on. */
export function yearInChina(at: Date): number {
  return toChinaWallClock(at).getUTCFullYear();
}

/**
 * The service's clock: the system's, or — outside production — one that starts at CLOCK_START and
 * runs on at the real pace (end-to-end tests and demos move a process months ahead this way).
 */
export function configuredClock(config: { NODE_ENV: string; CLOCK_START?: string | undefined }, now: Clock = systemClock): Clock {
  if (config.CLOCK_START === undefined) return now;
  if (config.NODE_ENV === 'production') throw new ConfigError('clues', ['CLOCK_START is for development and tests; production runs on the system clock']);
  const offset = new Date(config.CLOCK_START).getTime() - now().getTime();
  return () => new Date(now().getTime() + offset);
}
