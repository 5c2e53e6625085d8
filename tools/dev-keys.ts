/**
 * Development keys, each written once (idempotent) under .run/keys, and their paths printed:
 * - an ES256 signing key pair, {private,public}.pem. The gateway and the subgraphs trust public.pem
 *   by default outside production (AUTH_PUBLIC_KEY_FILE); tools/mint-token.ts signs with private.pem.
 * - personal-data.env: random PERSONAL_DATA_KEYS / _ACTIVE_KEY / _HASH_KEY, with which grids and petitions
 *   encrypt phones and ID numbers at rest, and AUDIT_CHAIN_KEY, with which they chain their audit
 *   logs (tools/up.sh exports them; tools/verify-audit.ts reads the last). Losing the file makes the
 *   development database's personal data unreadable: re-create that database with it.
 *
 *   npx tsx tools/dev-keys.ts [--dir .run/keys]
 *
 * Never use these keys in production.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateDevKeyPair } from '@pgov/auth';
import { generatePersonalDataKeyEnv } from '@pgov/privacy';

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

/**
 * Random personal-data keys as a shell-sourceable file (mode 600), unless it exists. A file of an
 * earlier version gets the variables it lacks (AUDIT_CHAIN_KEY); a key it has is never replaced.
 */
export function ensurePersonalDataKeys(dir: string = DEFAULT_KEY_DIR): { file: string; created: boolean } {
  const file = join(dir, 'personal-data.env');
  const fresh = generatePersonalDataKeyEnv('dev1');
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const missing = Object.entries(fresh).filter(([name]) => !new RegExp(`^${name}=`, 'm').test(text));
    if (missing.length > 0) appendFileSync(file, `${text.endsWith('\n') ? '' : '\n'}${missing.map(([name, value]) => `${name}=${value}`).join('\n')}\n`);
    return { file, created: false };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lines = Object.entries(fresh).map(([name, value]) => `${name}=${value}`);
  writeFileSync(file, `# development only: written by tools/dev-keys.ts\n${lines.join('\n')}\n`, { mode: 0o600, flag: 'wx' });
  return { file, created: true };
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
      const personal = ensurePersonalDataKeys(dir ? resolve(dir) : undefined);
      console.log(`${personal.created ? 'created' : 'kept existing'} personal-data keys: ${personal.file}`);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
