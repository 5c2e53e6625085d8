type ResolverMap = Record<string, Record<string, unknown>>;

/**
 * One resolver map from per-area files (a service's resolvers/<area>.ts). A field defined by two
 * areas is a wiring mistake: refused at start rather than one silently replacing the other.
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
