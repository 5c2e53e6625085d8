import { toChinaWallClock } from '@pgov/reference-data';

/** Time source; tests set it. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** The calendar year in China Standard Time (UTC+8), which numbers restart on. */
export function yearInChina(at: Date): number {
  return toChinaWallClock(at).getUTCFullYear();
}
