import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';

/** Signature algorithms accepted for access tokens. Symmetric (HS*) and `none` never are. */
export type TokenAlgorithm = 'RS256' | 'ES256';
export const TOKEN_ALGORITHMS: readonly TokenAlgorithm[] = ['RS256', 'ES256'];

export interface DevKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  privateKeyPem: string;
  publicKeyPem: string;
}

/** A fresh ES256 (P-256) key pair for development and tests. Production keys come from the IdP. */
export async function generateDevKeyPair(): Promise<DevKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair<KeyObject>('ES256', { extractable: true });
  return {
    privateKey,
    publicKey,
    privateKeyPem: await exportPrivateKeyPem(privateKey),
    publicKeyPem: await exportPublicKeyPem(publicKey),
  };
}

/** PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"). */
export function exportPrivateKeyPem(key: KeyObject): Promise<string> {
  return exportPKCS8(key);
}

/** SPKI PEM ("-----BEGIN PUBLIC KEY-----"). */
export function exportPublicKeyPem(key: KeyObject): Promise<string> {
  return exportSPKI(key);
}

/** Imports a private key PEM (PKCS#8, or SEC1/PKCS#1); the algorithm follows from the key type. */
export function importPrivateKeyPem(pem: string): KeyObject {
  const key = createPrivateKey({ key: pem, format: 'pem' });
  algorithmForKey(key);
  return key;
}

/** Imports a public key PEM (SPKI) or an X.509 certificate PEM; RSA or EC P-256 only. */
export function importPublicKeyPem(pem: string): KeyObject {
  const key = createPublicKey({ key: pem, format: 'pem' });
  algorithmForKey(key);
  return key;
}

/** ES256 for an EC P-256 key, RS256 for an RSA key (>= 2048 bits); anything else is refused. */
export function algorithmForKey(key: KeyObject): TokenAlgorithm {
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048) return 'RS256';
  throw new TypeError(
    `unsupported key: ${key.asymmetricKeyType ?? key.type} ${key.asymmetricKeyDetails?.namedCurve ?? key.asymmetricKeyDetails?.modulusLength ?? ''} (need EC P-256 or RSA >= 2048)`,
  );
}
