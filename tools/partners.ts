/**
 * Partner agencies on the broker (declared in libs/contracts/src/partners.ts).
 *
 *   npx tsx tools/partners.ts list               each partner, its topics, whether it is onboarded here
 *   npx tsx tools/partners.ts onboard <partner>  on the running (secure) broker, as admin: its SCRAM user
 *                                                (the password made at format time, or a new one), its
 *                                                ACLs; a kcat config for it in .run/partners/<partner>/
 * KAFKA_BROKERS (default 127.0.0.1:9092) is the admin's way in; partners use the TLS listener,
 * KAFKA_TLS_BROKERS (default 127.0.0.1:$KAFKA_TLS_PORT, 9094). KAFKA_RUN_DIR as in tools/kafka/broker.ts.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PARTNERS, partnerAccess, partnerByPrincipal, partnerGroupPrefix, partnerProblems, type Partner } from '@pgov/contracts';
import { caFile, grantAccess, kcatConfig, newCredentials, readCredentials, ROOT, upsertScramUser, withAdmin } from './kafka/broker';

const tlsBrokers = () => process.env['KAFKA_TLS_BROKERS'] ?? `127.0.0.1:${process.env['KAFKA_TLS_PORT'] ?? '9094'}`;
const partnerDir = (partner: Partner) => join(ROOT, '.run', 'partners', partner.principal);

function list(): void {
  for (const partner of PARTNERS) {
    const onboarded = readCredentials(partner.principal) ? 'has credentials here' : 'not onboarded here';
    console.log(`${partner.principal} (${onboarded})\n  ${partner.description}`);
    console.log(`  reads:  ${partner.reads.join(', ') || '-'}\n  writes: ${partner.writes.join(', ') || '-'}\n  groups: ${partnerGroupPrefix(partner)}*`);
  }
}

async function onboard(principal: string | undefined): Promise<void> {
  const partner = principal ? partnerByPrincipal(principal) : undefined;
  if (!partner) throw new Error(`usage: partners.ts onboard <partner>; partners: ${PARTNERS.map((p) => p.principal).join(', ')}`);
  const problems = partnerProblems();
  if (problems.length > 0) throw new Error(`the partner declarations are wrong:\n  ${problems.join('\n  ')}`);
  if (!existsSync(caFile())) throw new Error(`no CA at ${caFile()}: start the broker with KAFKA_SECURITY=scram (tools/infra/kafka.sh start)`);
  const credentials = readCredentials(partner.principal) ?? newCredentials(partner.principal);
  // Idempotent: the same password again (a fresh salt); the user exists even if declared after format.
  await upsertScramUser(credentials);
  await withAdmin((admin) => grantAccess(admin, partnerAccess(partner)));

  const dir = partnerDir(partner);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = join(dir, 'ca.pem');
  copyFileSync(caFile(), ca);
  const config = join(dir, 'kcat.conf');
  writeFileSync(config, kcatConfig(credentials, ca), { mode: 0o600 });

  const conf = relative(process.cwd(), config) || config;
  const b = tlsBrokers();
  console.log(`${partner.principal} onboarded: SCRAM user, ACLs, ${conf} (mode 0600: it holds the password; hand it over out of band).`);
  console.log('Try:');
  console.log(`  kcat -F ${conf} -b ${b} -L                                   # the topics it may see`);
  for (const topic of partner.reads) console.log(`  kcat -F ${conf} -b ${b} -C -o beginning -e -G ${partnerGroupPrefix(partner)}guide ${topic}`);
  for (const topic of partner.writes) console.log(`  kcat -F ${conf} -b ${b} -P -t ${topic} -k <aggregate id> <<< '<one JSON envelope>'`);
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command === 'list') list();
  else if (command === 'onboard') await onboard(name);
  else throw new Error('usage: partners.ts list | onboard <partner>');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
