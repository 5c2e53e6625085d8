import { hierarchyResolvers } from './hierarchy';
import { memberResolvers } from './members';
import { pointsResolvers } from './points';
import { trainingResolvers } from './trainings';

type ResolverMap = Record<string, Record<string, unknown>>;

/**
 * One resolver map from the per-area files. A field defined by two areas is a wiring mistake:
 * refused at start rather than one silently replacing the other.
 */
export function mergeResolvers(...maps: ResolverMap[]): ResolverMap {
  const merged: ResolverMap = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      const target = (merged[type] ??= {});
      for (const [field, fn] of Object.entries(fields)) {
        if (field in target) throw new Error(`resolver ${type}.${field} is defined twice`);
        target[field] = fn;
      }
    }
  }
  return merged;
}

export const resolvers = mergeResolvers(hierarchyResolvers, memberResolvers, trainingResolvers, pointsResolvers);
