import type { PersonalDataCipher } from '@pgov/privacy';

// Where members' personal numbers meet the cipher: what is written for them, and how they are read
// back. Purposes are bound into each ciphertext, so a phone's ciphertext never reads as an ID number.
export const PHONE_PURPOSE = 'member.phone';
export const ID_NUMBER_PURPOSE = 'member.idNumber';

/** The stored form of a member's personal numbers. */
export interface SealedPersonalNumbers {
  phoneCipher?: string;
  idNumberCipher?: string;
  idNumberHash?: string;
  /** The legacy plaintext columns are emptied whenever a value is written encrypted. */
  phone?: null;
  idNumber?: null;
}

export function idNumberHash(cipher: PersonalDataCipher, idNumber: string): string {
  return cipher.hash(idNumber, ID_NUMBER_PURPOSE);
}

export function sealPersonalNumbers(cipher: PersonalDataCipher, values: { phone?: string | null; idNumber?: string | null }): SealedPersonalNumbers {
  return {
    ...(values.phone ? { phoneCipher: cipher.encrypt(values.phone, PHONE_PURPOSE), phone: null } : {}),
    ...(values.idNumber
      ? { idNumberCipher: cipher.encrypt(values.idNumber, ID_NUMBER_PURPOSE), idNumberHash: idNumberHash(cipher, values.idNumber), idNumber: null }
      : {}),
  };
}

interface StoredPersonalNumbers {
  phone: string | null;
  idNumber: string | null;
  phoneCipher: string | null;
  idNumberCipher: string | null;
}

/**
 * The numbers in clear. A legacy plaintext value is the newer one when both exist (only a previous
 * release writes plaintext); it is there only until the start-up encryption pass has run.
 */
export function openPersonalNumbers(cipher: PersonalDataCipher, row: StoredPersonalNumbers): { phone: string | null; idNumber: string | null } {
  return { phone: openPhone(cipher, row), idNumber: openIdNumber(cipher, row) };
}

export function openPhone(cipher: PersonalDataCipher, row: StoredPersonalNumbers): string | null {
  return row.phone ?? (row.phoneCipher ? cipher.decrypt(row.phoneCipher, PHONE_PURPOSE) : null);
}

export function openIdNumber(cipher: PersonalDataCipher, row: StoredPersonalNumbers): string | null {
  return row.idNumber ?? (row.idNumberCipher ? cipher.decrypt(row.idNumberCipher, ID_NUMBER_PURPOSE) : null);
}
