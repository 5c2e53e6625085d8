import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { createPersonalDataCipher, PersonalDataCipherError, SecretKey, type PersonalDataKeyRing } from './index';

const key = () => new SecretKey(randomBytes(32));
const ring = (keys: Record<string, SecretKey>, activeKeyId: string, hashKey = key()): PersonalDataKeyRing => ({
  keys: new Map(Object.entries(keys)),
  activeKeyId,
  hashKey,
});
const PHONE = '13812345678';

describe('personal-data cipher', () => {
  const k1 = key();
  const cipher = createPersonalDataCipher(ring({ k1 }, 'k1'));

  it('round-trips a value and never writes it readable', () => {
    const text = cipher.encrypt(PHONE, 'member.phone');
    expect(text).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(text).not.toContain(PHONE);
    expect(cipher.decrypt(text, 'member.phone')).toBe(PHONE);
    expect(cipher.keyIdOf(text)).toBe('k1');
  });

  it('uses a fresh IV each time, so equal values do not look equal', () => {
    expect(cipher.encrypt(PHONE, 'member.phone')).not.toBe(cipher.encrypt(PHONE, 'member.phone'));
  });

  it('detects tampering with any part, and a value moved into another field', () => {
    const text = cipher.encrypt(PHONE, 'member.phone');
    const parts = text.split('.');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const i of [2, 3, 4]) {
      const altered = parts.map((p, j) => (j === i ? flip(p) : p)).join('.');
      expect(() => cipher.decrypt(altered, 'member.phone')).toThrow(PersonalDataCipherError);
    }
    expect(() => cipher.decrypt(text, 'member.idNumber')).toThrow(/failed authentication/);
    expect(() => cipher.decrypt(`${parts.slice(0, 3).join('.')}.${parts[3]!.slice(0, 8)}.${parts[4]}`, 'member.phone')).toThrow(/malformed/);
    expect(() => cipher.decrypt(PHONE, 'member.phone')).toThrow(/not a v1/);
  });

  it('decrypts with any configured key and encrypts with the active one (rotation)', () => {
    const k2 = key();
    const old = cipher.encrypt(PHONE, 'member.phone');
    const rotated = createPersonalDataCipher(ring({ k1, k2 }, 'k2'));
    expect(rotated.decrypt(old, 'member.phone')).toBe(PHONE);
    const fresh = rotated.encrypt(PHONE, 'member.phone');
    expect(rotated.keyIdOf(fresh)).toBe('k2');
    // Once k1 is retired, what was re-encrypted still reads; what was not is refused, not garbled.
    const retired = createPersonalDataCipher(ring({ k2 }, 'k2'));
    expect(retired.decrypt(fresh, 'member.phone')).toBe(PHONE);
    expect(() => retired.decrypt(old, 'member.phone')).toThrow(/no key "k1"/);
  });

  it('refuses a wrong key under the right id, without the value in the error', () => {
    const impostor = createPersonalDataCipher(ring({ k1: key() }, 'k1'));
    const text = cipher.encrypt(PHONE, 'member.phone');
    let error: unknown;
    try {
      impostor.decrypt(text, 'member.phone');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PersonalDataCipherError);
    expect(String((error as Error).message)).not.toContain(PHONE);
  });

  it('hashes deterministically per key and purpose', () => {
    const hashKey = key();
    const a = createPersonalDataCipher(ring({ k1 }, 'k1', hashKey));
    const b = createPersonalDataCipher(ring({ k1: key() }, 'k1', hashKey));
    expect(a.hash('11010519491231002X', 'member.idNumber')).toBe(b.hash('11010519491231002X', 'member.idNumber'));
    expect(a.hash('11010519491231002X', 'member.idNumber')).not.toBe(a.hash('11010519491231002X', 'petition.idNumber'));
    expect(a.hash('11010519491231002X', 'member.idNumber')).not.toBe(cipher.hash('11010519491231002X', 'member.idNumber'));
    expect(a.hash('11010519491231002X', 'member.idNumber')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses an unusable key ring', () => {
    const k1b = key();
    expect(() => createPersonalDataCipher(ring({ k1: k1b }, 'k9'))).toThrow(/active key "k9"/);
    expect(() => createPersonalDataCipher(ring({ k1: new SecretKey(randomBytes(16)) }, 'k1'))).toThrow(/32 bytes/);
    expect(() => createPersonalDataCipher(ring({ k1: k1b }, 'k1', k1b))).toThrow(/differ from every encryption key/);
  });

  it('never prints key material', () => {
    const secret = key();
    const hex = secret.bytes().toString('hex');
    expect(JSON.stringify({ secret })).not.toContain(hex);
    expect(inspect(new Map([['k1', secret]]))).not.toContain(hex);
    expect(`${secret}`).toBe('[secret key]');
  });
});
