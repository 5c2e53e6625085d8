import type { Client } from 'pg';
import { truncateTables, withPg } from './database';

export interface DistrictTallyUnderTest {
  /** The test database. */
  db: string;
  /** The counted table, its tally table and the tally's count column. */
  table: string;
  tally: string;
  column: string;
  /** Inserts `n` rows of the district in one statement, numbered from `from` where rows need unique values. */
  insert: (client: Client, district: string, n: number, from: number) => Promise<unknown>;
}

/**
 * A per-district tally kept by triggers equals a count, whatever writes the rows: one row, a
 * seed's many-row INSERT, a DELETE, a change of district, a rolled-back transaction, TRUNCATE.
 */
export function describeDistrictTally(t: DistrictTallyUnderTest): void {
  const insert = (client: Client, district: string, n: number, from = 1) => t.insert(client, district, n, from);
  const tallyAndCount = async (client: Client) => {
    const tally = await client.query<{ d: string; n: string }>(`SELECT district_code AS d, ${t.column} AS n FROM ${t.tally} WHERE ${t.column} <> 0 ORDER BY 1`);
    const count = await client.query<{ d: string; n: string }>(`SELECT district_code AS d, count(*) AS n FROM ${t.table} GROUP BY 1 ORDER BY 1`);
    const pairs = (rows: { d: string; n: string }[]) => rows.map((r) => [r.d, Number(r.n)]);
    return { tally: pairs(tally.rows), count: pairs(count.rows) };
  };

  describe(`${t.tally}`, () => {
    beforeEach(() => truncateTables(t.db));

    it('follows inserts of one and of many rows, deletes and a change of district', async () => {
      await withPg(t.db, async (client) => {
        await insert(client, '610113', 1);
        await insert(client, '610113', 500, 2);
        await insert(client, '610112', 7);
        expect(await tallyAndCount(client)).toEqual({ tally: [['610112', 7], ['610113', 501]], count: [['610112', 7], ['610113', 501]] });

        const some = (district: string, n: number) => `ctid IN (SELECT ctid FROM ${t.table} WHERE district_code = '${district}' LIMIT ${n})`;
        await client.query(`DELETE FROM ${t.table} WHERE ${some('610113', 100)}`);
        await client.query(`UPDATE ${t.table} SET district_code = '610116' WHERE ${some('610112', 2)}`);
        // An update that keeps the district changes nothing.
        await client.query(`UPDATE ${t.table} SET district_code = '610113' WHERE ${some('610113', 1)}`);
        const { tally, count } = await tallyAndCount(client);
        expect(tally).toEqual([['610112', 5], ['610113', 401], ['610116', 2]]);
        expect(tally).toEqual(count);
      });
    });

    it('is undone with the transaction that wrote the rows, and emptied by TRUNCATE', async () => {
      await withPg(t.db, async (client) => {
        await insert(client, '610113', 3);
        await client.query('BEGIN');
        await insert(client, '610113', 10, 100);
        await client.query('ROLLBACK');
        expect((await tallyAndCount(client)).tally).toEqual([['610113', 3]]);

        await client.query(`TRUNCATE ${t.table} CASCADE`);
        expect(await tallyAndCount(client)).toEqual({ tally: [], count: [] });
      });
    });
  });
}
