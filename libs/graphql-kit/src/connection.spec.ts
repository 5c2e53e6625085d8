import { afterNewestFirst, decodeCursor, encodeCursor, pageSize, toConnection } from './connection';
import { rowLoader } from './loaders';

describe('cursor connections', () => {
  it('round-trips cursors and rejects forged ones as bad input', () => {
    expect(decodeCursor(encodeCursor(['2026-11-01T00:00:00.000Z', 'abc']))).toEqual(['2026-11-01T00:00:00.000Z', 'abc']);
    expect(decodeCursor(null)).toBeNull();
    expect(() => decodeCursor('%%%not-a-cursor')).toThrow(/after: not a cursor/);
  });

  it('bounds page sizes', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(() => pageSize(101)).toThrow(/first/);
    expect(() => pageSize(-1)).toThrow(/first/);
  });

  it('uses the extra row only to tell that a next page exists', () => {
    const c = toConnection([{ id: 1 }, { id: 2 }, { id: 3 }], 2, (r) => [r.id], 10);
    expect(c.edges.map((e) => e.node.id)).toEqual([1, 2]);
    expect(c.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(c.pageInfo.endCursor)).toEqual([2]);
    expect(c.totalCount).toBe(10);
    expect(toConnection([{ id: 1 }], 2, (r) => [r.id], 1).pageInfo.hasNextPage).toBe(false);
  });
});

describe('afterNewestFirst', () => {
  it('is empty on the first page and a (time, id) condition after a cursor', () => {
    expect(afterNewestFirst(null, 'submittedAt')).toEqual({});
    const at = '2026-11-01T00:00:00.000Z';
    expect(afterNewestFirst(encodeCursor([at, 'b']), 'submittedAt')).toEqual({
      OR: [{ submittedAt: { lt: new Date(at) } }, { submittedAt: new Date(at), id: { lt: 'b' } }],
    });
  });

  it('refuses a well-formed cursor of another list as bad input', () => {
    expect(() => afterNewestFirst(encodeCursor(['not a time', 'b']), 'submittedAt')).toThrow(/after: not a cursor/);
    expect(() => afterNewestFirst(encodeCursor(['610113-001']), 'submittedAt')).toThrow(/after: not a cursor/);
  });
});

describe('rowLoader', () => {
  it('fetches the keys of one tick together and answers null for missing rows', async () => {
    const calls: (readonly string[])[] = [];
    const loader = rowLoader(
      async (keys: readonly string[]) => {
        calls.push(keys);
        return keys.filter((k) => k !== 'gone').map((k) => ({ id: k }));
      },
      (row) => row.id,
    );
    expect(await Promise.all([loader.load('a'), loader.load('gone'), loader.load('b')])).toEqual([{ id: 'a' }, null, { id: 'b' }]);
    expect(calls).toEqual([['a', 'gone', 'b']]);
  });
});
