import type { Logger } from '@pgov/logger';
import { runEncryptionPass, type EncryptionPassResult, type PersonalDataCipher } from '@pgov/privacy';
import { memberEncryptionRepository as repo, type SealedNumbers, type StoredNumbers } from '../persistence/member-encryption.repository';
import type { GridsDb } from '../persistence/prisma';
import { idNumberHash, ID_NUMBER_PURPOSE, openPersonalNumbers, PHONE_PURPOSE } from './member-personal-data';

/**
 * Run at start, before the service takes requests: encrypts the personal numbers that a previous
 * release stored in clear (and nulls the plaintext), re-encrypts values of a retired active key
 * with the current one, and fills in missing hashes. Idempotent; several replicas may run it at
 * once (each takes rows the others have not locked). A row it cannot fix is logged, never fatal.
 */
export async function encryptPersonalDataAtRest(db: GridsDb, cipher: PersonalDataCipher, logger: Logger, batchSize = 500): Promise<EncryptionPassResult> {
  const activePrefix = `v1.${cipher.activeKeyId}.`;
  const result = await runEncryptionPass(
    db,
    {
      lockPending: (tx, limit, skip) => repo.lockPending(tx, activePrefix, limit, [...skip]),
      async sealAndStore(tx, rows) {
        const sealed = rows.map((row) => seal(cipher, row, logger)).filter((s) => s !== null);
        const holders = await repo.hashHolders(tx, sealed.flatMap((s) => (s.idNumberHash ? [s.idNumberHash] : [])));
        const free = sealed.filter((s) => !s.idNumberHash || (holders.get(s.idNumberHash) ?? s.id) === s.id);
        for (const s of sealed.filter((x) => !free.includes(x))) {
          logger.warn({ memberId: s.id, holder: holders.get(s.idNumberHash!) }, 'legacy member has the ID number of another member; left unencrypted for review');
        }
        await repo.store(tx, free);
        return free.map((s) => s.id);
      },
    },
    batchSize,
  );
  if (result.sealed > 0 || result.leftAlone.length > 0) {
    logger.info({ sealed: result.sealed, leftAlone: result.leftAlone.length, activeKey: cipher.activeKeyId }, 'member personal data encrypted at rest');
  }
  return result;
}

/** The row's numbers under the active key, or null (logged) when they cannot be read. */
function seal(cipher: PersonalDataCipher, row: StoredNumbers, logger: Logger): SealedNumbers | null {
  let clear: { phone: string | null; idNumber: string | null };
  try {
    clear = openPersonalNumbers(cipher, row);
  } catch (error) {
    logger.error({ memberId: row.id, reason: error instanceof Error ? error.message : 'unreadable' }, 'member personal data cannot be decrypted with the configured keys');
    return null;
  }
  // Older releases may have kept a lower-case check character: hashes are of the normal form.
  const idNumber = clear.idNumber?.trim().toUpperCase() ?? null;
  return {
    id: row.id,
    phoneCipher: clear.phone === null ? null : cipher.encrypt(clear.phone, PHONE_PURPOSE),
    idNumberCipher: idNumber === null ? null : cipher.encrypt(idNumber, ID_NUMBER_PURPOSE),
    idNumberHash: idNumber === null ? null : idNumberHash(cipher, idNumber),
  };
}
