/**
 * The broker's principals from libs/contracts' declarations (services, gateway, partners).
 *
 *   node --import tsx tools/kafka/principals.ts names   one principal per line (kafka.sh formats with them)
 *   node --import tsx tools/kafka/principals.ts apply   as admin: creates the contracts' topics, a SCRAM user
 *                                                       for any principal without credentials, every ACL
 *   node --import tsx tools/kafka/principals.ts list    each principal and its ACLs
 * KAFKA_BROKERS (default 127.0.0.1:9092), KAFKA_RUN_DIR / KAFKA_CREDENTIALS_DIR as in ./broker.ts.
 */
import { aclsOf, allEvents, allKafkaAccess, partnerProblems } from '@pgov/contracts';
import { createTopics, grantAccess, newCredentials, readCredentials, upsertScramUser, withAdmin } from './broker';

async function apply(): Promise<void> {
  const problems = partnerProblems();
  if (problems.length > 0) throw new Error(`the partner declarations are wrong:\n  ${problems.join('\n  ')}`);
  for (const access of allKafkaAccess()) {
    // Declared after the broker was formatted: made now (the others were made at format time).
    if (!readCredentials(access.principal)) {
      await upsertScramUser(newCredentials(access.principal));
      console.log(`created SCRAM user ${access.principal}`);
    }
  }
  await withAdmin(async (admin) => {
    const created = await createTopics(admin, allEvents);
    if (created.length > 0) console.log(`created ${created.length} topics`);
    for (const access of allKafkaAccess()) await grantAccess(admin, access);
  });
  console.log(`ACLs applied for ${allKafkaAccess().map((a) => a.principal).join(', ')}`);
}

function list(): void {
  for (const access of allKafkaAccess()) {
    console.log(`User:${access.principal} (${access.kind})`);
    for (const acl of aclsOf(access)) {
      console.log(`  ${acl.resource.type} ${acl.resource.name}${acl.resource.patternType === 'prefix' ? '*' : ''}: ${acl.operations.join(', ')}`);
    }
  }
}

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command === 'names') console.log(allKafkaAccess().map((a) => a.principal).join('\n'));
  else if (command === 'list') list();
  else if (command === 'apply') await apply();
  else throw new Error('usage: principals.ts names|list|apply');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
