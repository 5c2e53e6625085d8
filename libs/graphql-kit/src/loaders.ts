import DataLoader from 'dataloader';

/**
 * A per-request loader of rows by key: all keys asked for in one tick become one `fetch`; keys
 * without a row answer null (another district's record, a typo, a deleted row).
 */
export function rowLoader<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = new Map((await fetch(keys)).map((row) => [keyOf(row), row]));
    return keys.map((key) => rows.get(key) ?? null);
  });
}
