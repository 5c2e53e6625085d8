/**
 * Prints a development access token signed with .run/keys/private.pem (created if absent).
 *
 *   npx tsx tools/mint-token.ts --role GRID_WORKER --district 610113 --sub u-1001 --name 张三 [--ttl 8h]
 *   options: --role may repeat or be comma-separated (--role PROCURATOR,CLERK)
 *            --ttl 8h | 30m | 7d | seconds (default 8h)
 *            --issuer / --audience (default AUTH_ISSUER / AUTH_AUDIENCE or pgov-dev-idp / pgov-api)
 *            --key <private.pem> (default .run/keys/private.pem)
 *
 *   curl -H "Authorization: Bearer $(npx tsx tools/mint-token.ts --role CITY_ADMIN --district 610100 --sub admin --name 管理员)" ...
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, isDistrictCode, isRole, mintToken, ROLES, type Role } from '@pgov/auth';
import { ensureDevKeys } from './dev-keys';

const USAGE =
  'usage: npx tsx tools/mint-token.ts --role <ROLE>[,<ROLE>] --district <GB/T 2260 code> [--sub <id>] [--name <name>] [--ttl 8h]\n' +
  '  --sub defaults to dev-<role>-<district> (a grid worker’s subject must be their member id), --name to 开发用户';

async function main(argv: string[]): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: {
      role: { type: 'string', multiple: true },
      district: { type: 'string' },
      sub: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      issuer: { type: 'string' },
      audience: { type: 'string' },
      key: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const problems: string[] = [];
  const roles = (values.role ?? []).flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean);
  if (roles.length === 0) problems.push('--role is required');
  for (const r of roles) if (!isRole(r)) problems.push(`unknown role ${r} (one of ${ROLES.join(', ')})`);
  if (!values.district) problems.push('--district is required (610100 = the whole city)');
  else if (!isDistrictCode(values.district)) problems.push(`--district ${values.district} is not a six-digit GB/T 2260 code`);
  const { district } = values;
  if (problems.length > 0 || !district) throw new Error(`${problems.join('\n')}\n${USAGE}`);
  const sub = values.sub ?? `dev-${roles[0]!.toLowerCase()}-${district}`;
  const name = values.name ?? '开发用户';

  const privateKeyFile = values.key ? resolve(values.key) : (await ensureDevKeys()).privateKeyFile;
  return mintToken(
    readFileSync(privateKeyFile, 'utf8'),
    { subject: sub, name, roles: roles as Role[], district },
    {
      expiresIn: values.ttl,
      issuer: values.issuer ?? process.env['AUTH_ISSUER'] ?? DEFAULT_ISSUER,
      audience: values.audience ?? process.env['AUTH_AUDIENCE'] ?? DEFAULT_AUDIENCE,
    },
  );
}

main(process.argv.slice(2))
  .then((token) => console.log(token))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
