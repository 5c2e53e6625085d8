import { InvalidInput } from '@pgov/errors';

export const MAX_PAGE_SIZE = 100;

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** Keyset cursors: opaque base64url of the sort key values of the last row seen. */
export function encodeCursor(keys: (string | number)[]): string {
  return Buffer.from(JSON.stringify(keys)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): (string | number)[] | null {
  if (cursor == null || cursor === '') return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value;
  } catch {
    // fall through to the input error
  }
  throw new InvalidInput('after', 'not a cursor returned by this list');
}

export function pageSize(first: number | null | undefined): number {
  const n = first ?? 20;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE_SIZE) {
    throw new InvalidInput('first', `must be an integer from 0 to ${MAX_PAGE_SIZE}`);
  }
  return n;
}

/**
 * Builds a connection from rows fetched with `take: size + 1` (the extra row tells whether
 * there is a next page) and a function giving each row's cursor key.
 */
export function toConnection<T>(rows: T[], size: number, key: (row: T) => (string | number)[], totalCount: number): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(key(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/**
 * The `where` condition for rows after `after` in newest-first order — (timeField desc, id desc),
 * the order of every time-sorted list — or `{}` on the first page. A forged cursor is bad input.
 */
export function afterNewestFirst(after: string | null | undefined, timeField: string): Record<string, unknown> {
  const cursor = decodeCursor(after);
  if (!cursor) return {};
  const [time, id] = cursor;
  const at = new Date(String(time));
  if (cursor.length !== 2 || typeof id !== 'string' || Number.isNaN(at.getTime())) {
    throw new InvalidInput('after', 'not a cursor returned by this list');
  }
  return { OR: [{ [timeField]: { lt: at } }, { [timeField]: at, id: { lt: id } }] };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from clients that are not uuids match no row; filtering them keeps a batch from failing. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
