/**
 * The database surface this library uses. A Prisma client satisfies `RawSqlDatabase` and its
 * interactive-transaction client satisfies `RawSql`, so services pass their own client and the
 * outbox row or processed-event record joins their transaction. Placeholders are PostgreSQL's $1, $2, ...
 */
export interface RawSql {
  /** Resolves with the number of affected rows (typed loosely so extended Prisma clients fit too). */
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<unknown>;
  /** Resolves with the result rows. */
  $queryRawUnsafe(query: string, ...values: unknown[]): PromiseLike<unknown>;
}

/** Options passed through to `$transaction` (Prisma: interactive-transaction timeouts in ms). */
export interface TransactionOptions {
  maxWait?: number;
  timeout?: number;
}

export interface RawSqlDatabase<TTx extends RawSql = RawSql> extends RawSql {
  $transaction<R>(fn: (tx: TTx) => Promise<R>, options?: TransactionOptions): PromiseLike<R>;
}
