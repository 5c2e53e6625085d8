import type { IndicatorDirection } from './catalogue';

/** A value misses its target: below it when higher is better, above it when lower is better. */
export function missesTarget(direction: IndicatorDirection, target: number | null, value: number | null): boolean {
  if (target === null || value === null) return false;
  return direction === 'HIGHER_IS_BETTER' ? value < target : value > target;
}

/**
 * A value crosses its target when it goes from meeting it (or having no value yet) to missing it.
 * The alert is raised once per indicator, jurisdiction and period, however often it crosses back.
 */
export function crossesTarget(direction: IndicatorDirection, target: number | null, before: number | null, after: number | null): boolean {
  return missesTarget(direction, target, after) && !missesTarget(direction, target, before);
}
