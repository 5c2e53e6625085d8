import type { Prisma } from '../generated/prisma/client';

type Tx = Prisma.TransactionClient;

/** A petitioner's personal-number columns as stored, legacy plaintext included. */
export interface StoredPetitionerNumbers {
  id: string;
  idNumber: string | null;
  phone: string | null;
  idNumberCipher: string | null;
  phoneCipher: string | null;
}

export interface SealedPetitionerNumbers {
  id: string;
  idNumberCipher: string | null;
  idNumberHash: string | null;
  phoneCipher: string | null;
}

/** The start-up pass over petitions whose petitioner numbers are not yet stored as they should be. */
export const petitionerEncryptionRepository = {
  /**
   * Up to `limit` rows holding plaintext, a ciphertext of another key than `activePrefix`'s, or an
   * ID number without its hash, locked for this transaction. Rows another process has locked are
   * skipped (two replicas starting together share the work instead of waiting), as are `passed` ones.
   */
  lockPending(tx: Tx, activePrefix: string, limit: number, passed: string[]): Promise<StoredPetitionerNumbers[]> {
    return tx.$queryRaw<StoredPetitionerNumbers[]>`
      SELECT id::text AS id, petitioner_id_number AS "idNumber", petitioner_phone AS phone,
             petitioner_id_number_cipher AS "idNumberCipher", petitioner_phone_cipher AS "phoneCipher"
      FROM petition
      WHERE (petitioner_id_number IS NOT NULL OR petitioner_phone IS NOT NULL
             OR NOT starts_with(petitioner_id_number_cipher, ${activePrefix}) OR NOT starts_with(petitioner_phone_cipher, ${activePrefix})
             OR (petitioner_id_number_cipher IS NOT NULL AND petitioner_id_number_hash IS NULL))
        AND id <> ALL (${passed}::uuid[])
      ORDER BY id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`;
  },

  /** Writes the sealed forms and empties the plaintext columns, in one statement. */
  async store(tx: Tx, rows: SealedPetitionerNumbers[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.$executeRaw`
      UPDATE petition p
      SET petitioner_id_number = NULL, petitioner_phone = NULL,
          petitioner_id_number_cipher = v.id_number_cipher, petitioner_id_number_hash = v.id_number_hash,
          petitioner_phone_cipher = v.phone_cipher
      FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.idNumberCipher)}::text[],
                  ${rows.map((r) => r.idNumberHash)}::text[], ${rows.map((r) => r.phoneCipher)}::text[])
           AS v(id, id_number_cipher, id_number_hash, phone_cipher)
      WHERE p.id = v.id`;
  },
};
