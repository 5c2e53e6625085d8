/**
 * Verifies a service's audit log: walks its hash chain in seq order and names the first broken row
 * (edited — any column, the reason a reveal was made for included —, deleted, inserted out of order,
 * never sealed). Read-only.
 *
 *   npx tsx tools/verify-audit.ts --service grids|petitions [--expect-head <seq>:<hash>] [--after <seq>:<hash>]
 *
 * --expect-head: a head printed by an earlier run (keep it somewhere else): that row must still be
 *                there, unchanged — the one way to see rows cut off the chain's end.
 * --after:       the last row of an archive the older rows were moved to (libs/privacy/README.md).
 * Database: <SERVICE>_DATABASE_URL, else the local development one. Key: AUDIT_CHAIN_KEY, else
 * (outside production) the one tools/dev-keys.ts wrote to .run/keys/personal-data.env.
 * Exit code 0 when the chain holds, 1 when it is broken, 2 when it could not be checked.
 * Last line: `audit chain <service>: ok, <n> rows, head <seq>:<hash>` or `audit chain <service>: BROKEN at seq <seq>: <problem>`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { databaseUrl, loadConfig } from '@pgov/config';
import { auditChainKeyEnv, auditSqlOfPg, verifyAuditChain, type ChainPoint } from '@pgov/privacy';

const SERVICES = ['grids', 'petitions'];
const DEV_KEYS = join(__dirname, '..', '.run', 'keys', 'personal-data.env');
const USAGE = 'usage: npx tsx tools/verify-audit.ts --service grids|petitions [--expect-head <seq>:<hash>] [--after <seq>:<hash>]';

function chainPoint(text: string | undefined, option: string): ChainPoint | undefined {
  if (text === undefined) return undefined;
  const [, seq, hash] = /^(\d+):([0-9a-f]{64})$/.exec(text) ?? [];
  if (!seq || !hash) throw new Error(`${option} takes <seq>:<hash> as printed by this tool`);
  return { seq, hash };
}

/** AUDIT_CHAIN_KEY from the environment, or from the development key file outside production. */
function keyEnv(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  if (env.AUDIT_CHAIN_KEY || env.NODE_ENV === 'production' || !existsSync(DEV_KEYS)) return env;
  const line = readFileSync(DEV_KEYS, 'utf8').split('\n').find((l) => l.startsWith('AUDIT_CHAIN_KEY='));
  return { ...env, AUDIT_CHAIN_KEY: line?.slice('AUDIT_CHAIN_KEY='.length) };
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { service: { type: 'string' }, 'expect-head': { type: 'string' }, after: { type: 'string' } }, strict: true });
  const service = values.service;
  if (!service || !SERVICES.includes(service)) throw new Error(USAGE);
  const database = env[`${service.toUpperCase()}_DATABASE_URL`] ?? `postgresql://${service}:${service}@127.0.0.1:5432/${service}`;
  const config = loadConfig('verify-audit', { DATABASE_URL: databaseUrl(), ...auditChainKeyEnv() }, { ...keyEnv(env), DATABASE_URL: database });
  const options = { expectHead: chainPoint(values['expect-head'], '--expect-head'), after: chainPoint(values.after, '--after') };

  const client = new Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  try {
    const report = await verifyAuditChain(auditSqlOfPg(client), config.AUDIT_CHAIN_KEY.bytes(), options);
    if (report.broken) {
      if (report.head) console.log(`last good row: ${report.head.seq}:${report.head.hash}`);
      console.log(`audit chain ${service}: BROKEN at seq ${report.broken.seq}: ${report.broken.problem}`);
      return 1;
    }
    console.log(`audit chain ${service}: ok, ${report.rows} rows, head ${report.head ? `${report.head.seq}:${report.head.hash}` : 'none (empty)'}`);
    return 0;
  } finally {
    await client.end();
  }
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
