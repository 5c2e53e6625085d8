import { toChinaWallClock } from '@pgov/reference-data';

export { systemClock, type Clock } from '@pgov/config';

/** The calendar year in China Standard Time (UTC+8), which numbers restart on. */
export function yearInChina(at: Date): number {
  return toChinaWallClock(at).getUTCFullYear();
}
