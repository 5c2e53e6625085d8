import type { Prisma } from '../generated/prisma/client';

type Tx = Prisma.TransactionClient;

/** A member's personal-number columns as stored, legacy plaintext included. */
export interface StoredNumbers {
  id: string;
  phone: string | null;
  idNumber: string | null;
  phoneCipher: string | null;
  idNumberCipher: string | null;
}

export interface SealedNumbers {
  id: string;
  phoneCipher: string | null;
  idNumberCipher: string | null;
  idNumberHash: string | null;
}

/** The start-up pass over members whose personal numbers are not yet stored as they should be. */
export const memberEncryptionRepository = {
  /**
   * Up to `limit` rows holding plaintext, a ciphertext of another key than `activePrefix`'s, or no
   * hash, locked for this transaction. Rows another process has locked are skipped (two replicas
   * starting together share the work instead of waiting), as are the `passed` ones.
   */
  async lockPending(tx: Tx, activePrefix: string, limit: number, passed: string[]): Promise<StoredNumbers[]> {
    return tx.$queryRaw<StoredNumbers[]>`
      SELECT id::text AS id, phone, id_number AS "idNumber", phone_cipher AS "phoneCipher", id_number_cipher AS "idNumberCipher"
      FROM member
      WHERE (phone IS NOT NULL OR id_number IS NOT NULL
             OR NOT starts_with(phone_cipher, ${activePrefix}) OR NOT starts_with(id_number_cipher, ${activePrefix})
             OR (id_number_cipher IS NOT NULL AND id_number_hash IS NULL))
        AND id <> ALL (${passed}::uuid[])
      ORDER BY id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`;
  },

  /** Which members hold these hashes now. */
  async hashHolders(tx: Tx, hashes: string[]): Promise<Map<string, string>> {
    if (hashes.length === 0) return new Map();
    const rows = await tx.$queryRaw<{ id: string; hash: string }[]>`
      SELECT id::text AS id, id_number_hash AS hash FROM member WHERE id_number_hash = ANY (${hashes}::text[])`;
    return new Map(rows.map((r) => [r.hash, r.id]));
  },

  /** Writes the sealed forms and empties the plaintext columns, in one statement. */
  async store(tx: Tx, rows: SealedNumbers[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.$executeRaw`
      UPDATE member m
      SET phone = NULL, id_number = NULL,
          phone_cipher = v.phone_cipher, id_number_cipher = v.id_number_cipher, id_number_hash = v.id_number_hash
      FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.phoneCipher)}::text[],
                  ${rows.map((r) => r.idNumberCipher)}::text[], ${rows.map((r) => r.idNumberHash)}::text[])
           AS v(id, phone_cipher, id_number_cipher, id_number_hash)
      WHERE m.id = v.id`;
  },
};
