/**
 * Development signing keys: writes an ES256 key pair to .run/keys/{private,public}.pem unless both
 * are there already (idempotent), and prints their paths.
 *
 *   npx tsx tools/dev-keys.ts [--dir .run/keys]
 *
 * The gateway and the subgraphs trust .run/keys/public.pem by default outside production
 * (AUTH_PUBLIC_KEY_FILE); tools/mint-token.ts signs with private.pem. Never use these keys in production.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateDevKeyPair } from '@pgov/auth';

export const DEFAULT_KEY_DIR = resolve(__dirname, '..', '.run', 'keys');

export interface DevKeyFiles {
  privateKeyFile: string;
  publicKeyFile: string;
  created: boolean;
}

export async function ensureDevKeys(dir: string = DEFAULT_KEY_DIR): Promise<DevKeyFiles> {
  const privateKeyFile = join(dir, 'private.pem');
  const publicKeyFile = join(dir, 'public.pem');
  const hasPrivate = existsSync(privateKeyFile);
  const hasPublic = existsSync(publicKeyFile);
  if (hasPrivate && hasPublic) return { privateKeyFile, publicKeyFile, created: false };
  if (hasPrivate !== hasPublic) {
    throw new Error(`${dir} holds only one half of a key pair; remove it and run again`);
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pair = await generateDevKeyPair();
  writeFileSync(privateKeyFile, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
  writeFileSync(publicKeyFile, pair.publicKeyPem, { mode: 0o644, flag: 'wx' });
  return { privateKeyFile, publicKeyFile, created: true };
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

if (require.main === module) {
  const dir = argValue(process.argv.slice(2), '--dir');
  ensureDevKeys(dir ? resolve(dir) : undefined)
    .then(({ privateKeyFile, publicKeyFile, created }) => {
      console.log(`${created ? 'created' : 'kept existing'} dev key pair (ES256)`);
      console.log(`private: ${privateKeyFile}`);
      console.log(`public:  ${publicKeyFile}`);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
