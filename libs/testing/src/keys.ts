import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDevKeyPair, mintToken, type Identity } from '@pgov/auth';

export interface TestKeys {
  /** Path of the public key PEM: what AUTH_PUBLIC_KEY_FILE points at in tests. */
  publicKeyFile: string;
  privateKeyPem: string;
  /** A valid token for the identity (1 hour). */
  token(identity: Identity): Promise<string>;
}

/** A fresh ES256 key pair per test file: tokens are real, signed and verified. */
export async function createTestKeys(): Promise<TestKeys> {
  const pair = await generateDevKeyPair();
  const dir = mkdtempSync(join(tmpdir(), 'pgov-keys-'));
  const publicKeyFile = join(dir, 'public.pem');
  writeFileSync(publicKeyFile, pair.publicKeyPem);
  return {
    publicKeyFile,
    privateKeyPem: pair.privateKeyPem,
    token: (identity) => mintToken(pair.privateKeyPem, identity, { expiresIn: '1h' }),
  };
}
