import { Role } from '@pgov/auth';
import { createLogger } from '@pgov/logger';
import {
  createTestKeys,
  deleteNamespace,
  graphql,
  identityOf,
  serviceTestEnv,
  testDatabaseUrl,
  testNamespace,
  truncateTables,
  withPg,
} from '@pgov/testing';
import { readConfig } from '../src/config';
import { createCluesService } from '../src/service';

// Shutdown order on the real parts: stop taking requests, then flush the outbox before closing.
const DB = testDatabaseUrl('clues');
const NAMESPACE = testNamespace();

afterAll(async () => {
  await deleteNamespace(NAMESPACE);
});

it('publishes what is still in the outbox when it stops, and then refuses connections', async () => {
  await truncateTables(DB);
  const keys = await createTestKeys();
  // A poll interval far beyond the test and no LISTEN: only the shutdown flush can publish the event.
  const config = readConfig(serviceTestEnv('clues', { keys, namespace: NAMESPACE, extra: { OUTBOX_POLL_MS: '600000', OUTBOX_LISTEN: 'false' } }));
  const service = createCluesService(config, createLogger('clues-test', 'silent'));
  const url = await service.start();
  // Batches are serialised: once this flush returns, the relay's first poll is over and it sleeps.
  await service.relay!.flush();
  const res = await graphql<{ submitClue: { id: string } }>(
    url,
    `mutation($input: SubmitClueInput!) { submitClue(input: $input) { id } }`,
    { input: { title: '停机前的线索', description: '关停前提交', category: 'CIVIL', gridCode: '610113-01' } },
    await keys.token(identityOf(Role.GRID_WORKER, '610113')),
  );
  const id = res.data!.submitClue.id;
  const publishedAt = () => withPg(DB, async (c) => (await c.query(`SELECT published_at FROM outbox_event WHERE key = $1`, [id])).rows[0].published_at);
  // Nothing published it yet.
  expect(await publishedAt()).toBeNull();

  await service.stop();

  expect(await publishedAt()).toBeInstanceOf(Date);
  await expect(fetch(url.replace('/graphql', '/healthz'))).rejects.toThrow();
});
