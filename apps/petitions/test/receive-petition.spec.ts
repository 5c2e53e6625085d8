import { Role } from '@pgov/auth';
import { createLogger } from '@pgov/logger';
import { residentIdCheckChar } from '@pgov/privacy';
import {
  createTestKeys,
  deleteNamespace,
  graphql,
  identityOf,
  serviceTestEnv,
  testDatabaseUrl,
  type TestKeys,
  testNamespace,
  truncateTables,
  withPg,
} from '@pgov/testing';
import { readConfig } from '../src/config';
import { createPetitionsService } from '../src/service';

// Integration: the petitions subgraph on the real PostgreSQL and Kafka, called over HTTP with real tokens.
const DB = testDatabaseUrl('petitions');
const namespace = testNamespace();
const RECEIVE = `mutation($input: ReceivePetitionInput!) {
  receivePetition(input: $input) { id status proceduralReplyDueAt resultReplyDueAt petitionerName petitionerIdNumber handler nextDueAt overdue history { from to } }
}`;
const id17 = '61011319850505123';
const input = {
  channel: 'LETTER',
  category: 'CRIMINAL_APPEAL',
  firstTime: true,
  content: '对原判决不服，申请监督',
  petitionerName: '张三丰',
  petitionerIdNumber: id17 + residentIdCheckChar(id17),
  petitionerPhone: '13912345678',
  receivedAt: '2026-11-20T01:00:00Z',
};
const clerk = identityOf(Role.CLERK, '610113');

let keys: TestKeys;
let service: ReturnType<typeof createPetitionsService>;
let url: string;

beforeAll(async () => {
  await truncateTables(DB);
  keys = await createTestKeys();
  const config = readConfig(serviceTestEnv('petitions', { keys, namespace }));
  service = createPetitionsService(config, createLogger('petitions-test', 'silent'), () => new Date('2026-11-25T00:00:00Z'));
  url = await service.start();
});

afterAll(async () => {
  await service?.stop();
  await deleteNamespace(namespace);
});

describe('receivePetition', () => {
  it('registers a petition with derived reply deadlines, masked petitioner, and its event in the outbox', async () => {
    const res = await graphql<{ receivePetition: Record<string, string> }>(url, RECEIVE, { input }, await keys.token(clerk));
    expect(res.errors).toBeUndefined();
    expect(res.data!.receivePetition).toMatchObject({
      status: 'RECEIVED',
      proceduralReplyDueAt: '2026-11-27T01:00:00.000Z',
      resultReplyDueAt: '2027-02-20T01:00:00.000Z',
      petitionerName: '张**',
      petitionerIdNumber: '6101**********' + input.petitionerIdNumber.slice(-4),
      // In no one's queue yet; the procedural reply is the nearest deadline, not yet missed.
      handler: null,
      nextDueAt: '2026-11-27T01:00:00.000Z',
      overdue: false,
      history: [{ from: null, to: 'RECEIVED' }],
    });
    const outbox = await withPg(DB, async (c) => (await c.query(`SELECT envelope FROM outbox_event`)).rows);
    expect(outbox).toHaveLength(1);
    // The partner-readable event carries no petitioner data.
    expect(JSON.stringify(outbox[0].envelope)).not.toMatch(/张三丰|13912345678|61011319850505/);
  });

  it('refuses a petitioner member id that is not a uuid, naming the field', async () => {
    const res = await graphql(url, RECEIVE, { input: { ...input, petitionerMemberId: 'member-1' } }, await keys.token(clerk));
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.petitionerMemberId' });
  });

  it('refuses an invalid ID number naming the field, and writes nothing', async () => {
    const before = await withPg(DB, async (c) => Number((await c.query(`SELECT count(*) FROM petition`)).rows[0].count));
    const res = await graphql(url, RECEIVE, { input: { ...input, petitionerIdNumber: id17 + 'Y' } }, await keys.token(clerk));
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.petitionerIdNumber' });
    expect(await withPg(DB, async (c) => Number((await c.query(`SELECT count(*) FROM petition`)).rows[0].count))).toBe(before);
  });

  it('shows the petitioner whole only to entitled handlers, auditing each read', async () => {
    const created = await graphql<{ receivePetition: { id: string } }>(url, RECEIVE, { input }, await keys.token(clerk));
    const id = created.data!.receivePetition.id;
    const q = `query($id: ID!) { petition(id: $id) { petitionerPhone(reveal: true, reason: "回访信访人") } }`;
    const byClerk = await graphql(url, q, { id }, await keys.token(clerk));
    expect(byClerk.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Petition.petitionerPhone' });
    const leader = identityOf(Role.LEADER, '610113');
    const byLeader = await graphql(url, q, { id }, await keys.token(leader));
    expect(byLeader.data).toEqual({ petition: { petitionerPhone: '13912345678' } });
    const audit = await withPg(DB, async (c) => (await c.query(`SELECT record_id, field FROM audit_log WHERE actor = $1`, [leader.subject])).rows);
    expect(audit).toEqual([{ record_id: id, field: 'petitionerPhone' }]);
    const otherDistrict = await graphql(url, q, { id }, await keys.token(identityOf(Role.LEADER, '610102')));
    expect(otherDistrict.data).toEqual({ petition: null });
  });
});
