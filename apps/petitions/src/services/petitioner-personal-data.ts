import type { PersonalDataCipher } from '@pgov/privacy';

// Where petitioners' personal numbers meet the cipher (SECURITY.md "Data at rest"): what is stored
// for them and how they are read back. Purposes are bound into each ciphertext, so an ID number's
// ciphertext copied into the phone column does not decrypt there.
export const ID_NUMBER_PURPOSE = 'petition.petitionerIdNumber';
export const PHONE_PURPOSE = 'petition.petitionerPhone';
/**
 * The keyed hash of any person's resident ID number in this service (petitioners; external hearing
 * officers): one purpose, so that hashes compare (an officer may not sit on their own petition).
 */
export const ID_NUMBER_HASH_PURPOSE = ID_NUMBER_PURPOSE;

/** The normal form hashes and ciphertexts are made of (older input may have a lower-case x). */
export const normalIdNumber = (idNumber: string) => idNumber.trim().toUpperCase();

export function idNumberHash(cipher: PersonalDataCipher, idNumber: string): string {
  return cipher.hash(normalIdNumber(idNumber), ID_NUMBER_HASH_PURPOSE);
}

/** The columns of a petitioner's numbers as stored: ciphertexts and hash, the legacy plaintext emptied. */
export function sealPetitioner(cipher: PersonalDataCipher, values: { idNumber: string | null; phone: string | null }) {
  const idNumber = values.idNumber === null ? null : normalIdNumber(values.idNumber);
  return {
    petitionerIdNumber: null,
    petitionerPhone: null,
    petitionerIdNumberCipher: idNumber === null ? null : cipher.encrypt(idNumber, ID_NUMBER_PURPOSE),
    petitionerIdNumberHash: idNumber === null ? null : idNumberHash(cipher, idNumber),
    petitionerPhoneCipher: values.phone === null ? null : cipher.encrypt(values.phone, PHONE_PURPOSE),
  };
}

interface StoredPetitioner {
  petitionerIdNumber: string | null;
  petitionerPhone: string | null;
  petitionerIdNumberCipher: string | null;
  petitionerPhoneCipher: string | null;
}

/**
 * The numbers in clear. A legacy plaintext value wins when both exist (only the first release wrote
 * plaintext); it is there only until the start-up encryption pass has run.
 */
export function openPetitionerIdNumber(cipher: PersonalDataCipher, row: StoredPetitioner): string | null {
  return row.petitionerIdNumber ?? (row.petitionerIdNumberCipher ? cipher.decrypt(row.petitionerIdNumberCipher, ID_NUMBER_PURPOSE) : null);
}

export function openPetitionerPhone(cipher: PersonalDataCipher, row: StoredPetitioner): string | null {
  return row.petitionerPhone ?? (row.petitionerPhoneCipher ? cipher.decrypt(row.petitionerPhoneCipher, PHONE_PURPOSE) : null);
}
