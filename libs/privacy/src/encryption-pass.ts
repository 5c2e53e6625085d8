/** What one start-up encryption pass did. */
export interface EncryptionPassResult {
  /** Rows written: plaintext encrypted, older keys replaced by the active one, hashes filled in. */
  sealed: number;
  /** Rows left as they were (each logged by the service): unreadable ciphertexts, conflicts. */
  leftAlone: string[];
}

export interface EncryptionPassSteps<Tx, Row extends { id: string }> {
  /** Up to `batchSize` rows still to seal, locked (FOR UPDATE SKIP LOCKED), none of `skip`. */
  lockPending(tx: Tx, batchSize: number, skip: readonly string[]): Promise<Row[]>;
  /** Seals and stores what it can of `rows` in the transaction; answers the ids it stored. */
  sealAndStore(tx: Tx, rows: Row[]): Promise<string[]>;
}

/**
 * The start-up pass that brings a table's personal numbers under the active key (plaintext of an
 * older release, ciphertext of a retired key, missing hashes), in batches of one transaction
 * each. Rows it could not seal are remembered and not taken again, so it ends; replicas running it
 * at once take different rows. The service supplies its table's steps.
 */
export async function runEncryptionPass<Tx, Row extends { id: string }>(
  db: { $transaction<R>(fn: (tx: Tx) => Promise<R>): PromiseLike<R> },
  steps: EncryptionPassSteps<Tx, Row>,
  batchSize = 500,
): Promise<EncryptionPassResult> {
  const result: EncryptionPassResult = { sealed: 0, leftAlone: [] };
  for (;;) {
    const taken = await db.$transaction(async (tx) => {
      const rows = await steps.lockPending(tx, batchSize, result.leftAlone);
      const stored = new Set(await steps.sealAndStore(tx, rows));
      result.sealed += stored.size;
      result.leftAlone.push(...rows.filter((r) => !stored.has(r.id)).map((r) => r.id));
      return rows.length;
    });
    if (taken === 0) return result;
  }
}
