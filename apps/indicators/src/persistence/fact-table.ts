import type { Prisma } from '../generated/prisma/client';

type Tx = Prisma.TransactionClient;

/** A column of a fact table and the SQL type its text form is cast to. */
export interface FactColumn<F> {
  field: keyof F & string;
  column: string;
  cast: 'uuid' | 'text' | 'boolean' | 'date' | 'timestamptz';
}

export interface FactTableSpec<F> {
  table: string;
  key: FactColumn<F>;
  /** Columns a new row is created with (NOT NULL ones: district, …), from the first event's seed. */
  created: readonly FactColumn<F>[];
  /** Every column but the key: what save writes. */
  columns: readonly FactColumn<F>[];
  /** The SELECT list that reads a row as F (aliases = field names). */
  select: string;
}

/** One row per thing counted (a clue, a petition, …), locked while events change it. */
export interface FactTable<F> {
  readonly table: string;
  keyOf(fact: Partial<F>): string;
  /**
   * The facts of `seeds`, each created from its seed when it is new, locked for this transaction:
   * one statement whatever the count.
   */
  lockMany(tx: Tx, seeds: readonly Partial<F>[]): Promise<Map<string, F>>;
  /** Writes `facts` back in one statement. */
  saveMany(tx: Tx, facts: readonly F[]): Promise<void>;
}

/** Values travel as text arrays (one parameter per column, nulls kept) and are cast in SQL. */
function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

export function factTable<F>(spec: FactTableSpec<F>): FactTable<F> {
  const { table, key } = spec;
  const keyOf = (fact: Partial<F>) => String(fact[key.field]);
  const inserted = [key, ...spec.created];
  // The no-op update locks a row that exists; RETURNING answers every row as it is. Rows are
  // inserted or locked in key order, so two runs never wait on each other in a cycle.
  const lockSql = `INSERT INTO ${table} (${inserted.map((c) => c.column).join(', ')})
    SELECT ${inserted.map((c) => `s.${c.column}::${c.cast}`).join(', ')}
    FROM unnest(${inserted.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS s(${inserted.map((c) => c.column).join(', ')})
    ORDER BY 1 ON CONFLICT (${key.column}) DO UPDATE SET ${key.column} = EXCLUDED.${key.column}
    RETURNING ${spec.select}`;
  const saved = [key, ...spec.columns];
  const saveSql = `UPDATE ${table} SET ${spec.columns.map((c) => `${c.column} = s.${c.column}::${c.cast}`).join(', ')}
    FROM unnest(${saved.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS s(${saved.map((c) => c.column).join(', ')})
    WHERE ${table}.${key.column} = s.${key.column}::${key.cast}`;
  const columnsOf = (columns: readonly FactColumn<F>[], rows: readonly Partial<F>[]) => columns.map((c) => rows.map((r) => asText(r[c.field])));

  return {
    table,
    keyOf,
    async lockMany(tx, seeds) {
      // One seed per key (a row can be created or locked once per statement): the run's first event's.
      const byKey = new Map<string, Partial<F>>();
      for (const seed of seeds) if (!byKey.has(keyOf(seed))) byKey.set(keyOf(seed), seed);
      const unique = [...byKey.values()];
      if (unique.length === 0) return new Map();
      const rows = await tx.$queryRawUnsafe<F[]>(lockSql, ...columnsOf(inserted, unique));
      return new Map(rows.map((row) => [keyOf(row), row]));
    },
    async saveMany(tx, facts) {
      if (facts.length > 0) await tx.$executeRawUnsafe(saveSql, ...columnsOf(saved, facts));
    },
  };
}
