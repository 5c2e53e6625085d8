import { Role } from '@pgov/auth';
import { createLogger } from '@pgov/logger';
import { auditSqlOfPg, verifyAuditChain } from '@pgov/privacy';
import { auditRows, createTestKeys, deleteNamespace, identityOf, serviceTestEnv, testNamespace, upgradeDatabase, withPg } from '@pgov/testing';
import { readConfig } from '../src/config';
import { createPetitionsService } from '../src/service';

// `migrate deploy` on the previous release's database (SERVICE-DONE): the release before the audit
// chain with reveals audited in it, then the chain's migration, then the service starting on it.
const CHAIN = '20261127090000_audit_log_chain';
const upgrade = upgradeDatabase('petitions');
const namespace = testNamespace();

beforeAll(async () => {
  await upgrade.create();
});

afterAll(async () => {
  await upgrade.drop();
  await deleteNamespace(namespace);
});

describe('upgrading the previous release’s petitions database', () => {
  it('numbers the audit rows it wrote in the order written and leaves them to the service to seal', async () => {
    await upgrade.deploy(upgrade.migrations().filter((m) => m < CHAIN));
    const audit = `INSERT INTO audit_log (actor, actor_roles, record_type, record_id, field, request_id, at) VALUES ($1, $2, 'Petition', 'p-old', $3, $4, $5)`;
    await upgrade.sql(audit, ['procurator-old', ['PROCURATOR'], 'petitionerName', 'req-old-1', '2026-02-01T00:00:00.500Z']);
    await upgrade.sql(audit, ['procurator-old', ['PROCURATOR'], 'petitionerPhone', 'req-old-2', '2026-01-01T00:00:00.000Z']);

    await upgrade.deploy(upgrade.migrations());
    expect((await auditRows(upgrade.url)).map((r) => [r.seq, r.action, r.field, r.legacy, r.hash])).toEqual([
      ['1', 'REVEAL', 'petitionerName', true, null],
      ['2', 'REVEAL', 'petitionerPhone', true, null],
    ]);
  });

  it('seals them into the chain at start, before the reveals it audits from then on', async () => {
    const config = readConfig(serviceTestEnv('petitions', { keys: await createTestKeys(), namespace, extra: { DATABASE_URL: upgrade.url } }));
    const service = createPetitionsService(config, createLogger('petitions-upgrade-test', 'silent'));
    await service.start();
    try {
      const procurator = identityOf(Role.PROCURATOR, '610113');
      await service.deps.audit.record({ actor: procurator, action: 'REVEAL', recordType: 'Petition', recordId: 'p-new', field: 'petitionerIdNumber', requestId: 'req-new' });
      const rows = await auditRows(upgrade.url);
      expect(rows.map((r) => [r.seq, r.legacy, r.prev_hash === (rows[Number(r.seq) - 2]?.hash ?? '0'.repeat(64))])).toEqual([
        ['1', true, true],
        ['2', true, true],
        ['3', false, true],
      ]);
      expect(await withPg(upgrade.url, (c) => verifyAuditChain(auditSqlOfPg(c), config.AUDIT_CHAIN_KEY.bytes()))).toMatchObject({ rows: 3, broken: null });
    } finally {
      await service.stop();
    }
  });
});
