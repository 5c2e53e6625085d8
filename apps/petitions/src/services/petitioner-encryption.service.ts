import type { Logger } from '@pgov/logger';
import { runEncryptionPass, type EncryptionPassResult, type PersonalDataCipher } from '@pgov/privacy';
import {
  petitionerEncryptionRepository as repo,
  type SealedPetitionerNumbers,
  type StoredPetitionerNumbers,
} from '../persistence/petitioner-encryption.repository';
import type { PetitionsDb } from '../persistence/prisma';
import { ID_NUMBER_PURPOSE, idNumberHash, normalIdNumber, PHONE_PURPOSE } from './petitioner-personal-data';

/**
 * Run at start, before the service takes requests: encrypts the petitioner numbers the first
 * release stored in clear (and empties the plaintext), re-encrypts values of a retired active key
 * with the current one, and fills in missing hashes. Idempotent; several replicas may run it at once
 * (each takes rows the others have not locked). A row it cannot read is logged, never fatal.
 */
export async function encryptPetitionersAtRest(db: PetitionsDb, cipher: PersonalDataCipher, logger: Logger, batchSize = 500): Promise<EncryptionPassResult> {
  const activePrefix = `v1.${cipher.activeKeyId}.`;
  const result = await runEncryptionPass(
    db,
    {
      lockPending: (tx, limit, skip) => repo.lockPending(tx, activePrefix, limit, [...skip]),
      async sealAndStore(tx, rows) {
        const sealed = rows.map((row) => seal(cipher, row, logger)).filter((s) => s !== null);
        await repo.store(tx, sealed);
        return sealed.map((s) => s.id);
      },
    },
    batchSize,
  );
  if (result.sealed > 0 || result.leftAlone.length > 0) {
    logger.info({ sealed: result.sealed, leftAlone: result.leftAlone.length, activeKey: cipher.activeKeyId }, 'petitioner personal data encrypted at rest');
  }
  return result;
}

/** The row's numbers under the active key, or null (logged) when they cannot be read. */
function seal(cipher: PersonalDataCipher, row: StoredPetitionerNumbers, logger: Logger): SealedPetitionerNumbers | null {
  let idNumber: string | null;
  let phone: string | null;
  try {
    idNumber = row.idNumber ?? (row.idNumberCipher ? cipher.decrypt(row.idNumberCipher, ID_NUMBER_PURPOSE) : null);
    phone = row.phone ?? (row.phoneCipher ? cipher.decrypt(row.phoneCipher, PHONE_PURPOSE) : null);
  } catch (error) {
    logger.error({ petitionId: row.id, reason: error instanceof Error ? error.message : 'unreadable' }, 'petitioner personal data cannot be decrypted with the configured keys');
    return null;
  }
  const normal = idNumber === null ? null : normalIdNumber(idNumber);
  return {
    id: row.id,
    idNumberCipher: normal === null ? null : cipher.encrypt(normal, ID_NUMBER_PURPOSE),
    idNumberHash: normal === null ? null : idNumberHash(cipher, normal),
    phoneCipher: phone === null ? null : cipher.encrypt(phone, PHONE_PURPOSE),
  };
}
