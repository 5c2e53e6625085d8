import { withPg } from './database';

/** Rows per table of the public schema (`exclude` left out): two snapshots differ iff rows were added or removed. */
export function rowCounts(url: string, exclude: readonly string[] = []): Promise<Record<string, number>> {
  return withPg(url, async (client) => {
    const { rows: tables } = await client.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    const counted = tables.map((t) => t.tablename).filter((t) => !exclude.includes(t) && !t.startsWith('_prisma'));
    if (counted.length === 0) return {};
    const { rows } = await client.query<{ t: string; n: string }>(counted.map((t) => `SELECT '${t}' AS t, count(*)::text AS n FROM "${t}"`).join(' UNION ALL '));
    return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
  });
}

/**
 * Up to `perTable` values of every single-column primary key (and every `code` column) of the
 * database: ids and codes that exist, for generated inputs to hit now and then.
 */
export function existingKeys(url: string, perTable = 5): Promise<string[]> {
  return withPg(url, async (client) => {
    const { rows: columns } = await client.query<{ table_name: string; column_name: string }>(`
      SELECT c.table_name, c.column_name FROM information_schema.columns c
      WHERE c.table_schema = 'public' AND c.table_name NOT LIKE '\\_prisma%'
        AND (c.column_name = 'code' OR c.column_name LIKE '%\\_code' OR c.column_name IN (
          SELECT k.column_name FROM information_schema.table_constraints t
          JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name, table_name)
          WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = 'public' AND t.table_name = c.table_name))`);
    const values = new Set<string>();
    for (const { table_name, column_name } of columns) {
      const { rows } = await client.query<{ v: string | null }>(`SELECT "${column_name}"::text AS v FROM "${table_name}" LIMIT ${perTable}`);
      for (const r of rows) if (r.v) values.add(r.v.trim());
    }
    return [...values].sort();
  });
}
