import { randomBytes, randomUUID } from 'node:crypto';
import { Role } from '@pgov/auth';
import { createPersonalDataCipher, SecretKey } from '@pgov/privacy';
import { identityOf, withPg } from '@pgov/testing';
import type { PetitionsDb } from '../src/persistence/prisma';
import { encryptPetitionersAtRest } from '../src/services/petitioner-encryption.service';
import { idNumberHash } from '../src/services/petitioner-personal-data';
import { DB, day, freshIdNumber, freshPhone, logger, startPetitionsHarness, type PetitionsHarness } from './support/petitions-harness';

// Petitioners' personal data (SECURITY.md): numbers encrypted at rest, the first release's
// plaintext encrypted at start, names and numbers masked unless an entitled handler reveals them,
// every revealed read audited.
const clerk = identityOf(Role.CLERK, '610113');
const procurator = identityOf(Role.PROCURATOR, '610113', 'procurator-1');
const REVEAL = `query($id: ID!) { petition(id: $id) { petitionerName(reveal: true, reason: "办理信访件核对身份") petitionerIdNumber(reveal: true, reason: "办理信访件核对身份") petitionerPhone(reveal: true, reason: "办理信访件核对身份") } }`;
const MASKED = `query($id: ID!) { petition(id: $id) { petitionerName petitionerIdNumber petitionerPhone } }`;

/** A valid number whose check character is X. */
function idNumberEndingInX(): string {
  for (;;) {
    const n = freshIdNumber();
    if (n.endsWith('X')) return n;
  }
}

/** What the first release wrote: the numbers in clear (a lower-case x as it took it), no ciphertext, no hash. */
const LEGACY_ID_NUMBER = idNumberEndingInX();
const legacy = { id: randomUUID(), idNumber: LEGACY_ID_NUMBER.toLowerCase(), phone: freshPhone() };

async function insertLegacy(db: PetitionsDb, row: { id: string; idNumber: string; phone: string }) {
  await db.$executeRaw`
    INSERT INTO petition (id, channel, category, district_code, first_time, content, petitioner_name, petitioner_id_number, petitioner_phone,
                          received_at, procedural_reply_due_at, result_reply_due_at, received_by, next_due_at)
    VALUES (${row.id}::uuid, 'VISIT', 'COMPLAINT', '610113', true, '旧版来访', '刘旧版', ${row.idNumber}, ${row.phone},
            ${day(0)}, ${day(7)}, ${day(92)}, 'clerk-old', ${day(7)})`;
}

const stored = (id: string) =>
  withPg(DB, async (c) => (await c.query(`SELECT petitioner_id_number, petitioner_phone, petitioner_id_number_cipher, petitioner_id_number_hash, petitioner_phone_cipher FROM petition WHERE id = $1`, [id])).rows[0]);

let h: PetitionsHarness;

beforeAll(async () => {
  h = await startPetitionsHarness({ beforeStart: (db) => insertLegacy(db, legacy) });
});

afterAll(async () => {
  await h?.stop();
});

describe('petitioner personal data', () => {
  it('leaves no readable ID number or phone in a dump after receivePetition, and keeps the keyed hash', async () => {
    const idNumber = freshIdNumber();
    const phone = freshPhone();
    const memberId = randomUUID();
    const { id } = await h.receiveOk(clerk, { petitionerIdNumber: idNumber, petitionerPhone: phone, petitionerMemberId: memberId });
    const row = await stored(id);
    expect(row).toMatchObject({
      petitioner_id_number: null,
      petitioner_phone: null,
      petitioner_id_number_cipher: expect.stringMatching(/^v1\.test1\./),
      petitioner_phone_cipher: expect.stringMatching(/^v1\.test1\./),
      petitioner_id_number_hash: idNumberHash(h.service.deps.cipher, idNumber),
    });
    expect(await withPg(DB, async (c) => (await c.query(`SELECT petitioner_member_id FROM petition WHERE id = $1`, [id])).rows[0].petitioner_member_id)).toBe(memberId);
    const dump = await h.dump();
    expect(dump).toContain(id);
    for (const secret of [idNumber, idNumber.slice(0, 17), phone]) expect(dump).not.toContain(secret);
  });

  it('masks the petitioner for a clerk and refuses the clerk a reveal, auditing nothing', async () => {
    const idNumber = freshIdNumber();
    const { id } = await h.receiveOk(clerk, { petitionerName: '张三丰', petitionerIdNumber: idNumber, petitionerPhone: '13912340000' });
    const masked = await h.as(clerk, MASKED, { id });
    expect(masked.data).toEqual({ petition: { petitionerName: '张**', petitionerIdNumber: `6101**********${idNumber.slice(-4)}`, petitionerPhone: '139****0000' } });
    const reveal = await h.as(clerk, REVEAL, { id });
    expect(reveal.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(reveal.errors?.[0]?.extensions).toMatchObject({ reason: 'NOT_ENTITLED' });
    expect(await withPg(DB, async (c) => Number((await c.query(`SELECT count(*) FROM audit_log WHERE record_id = $1`, [id])).rows[0].count))).toBe(0);
  });

  it("reveals the petitioner to the district's procurator, writing an audit row per field read", async () => {
    const idNumber = freshIdNumber();
    const { id } = await h.receiveOk(clerk, { petitionerName: '张三丰', petitionerIdNumber: idNumber, petitionerPhone: '13912340001' });
    const res = await h.as(procurator, REVEAL, { id });
    expect(res.data).toEqual({ petition: { petitionerName: '张三丰', petitionerIdNumber: idNumber, petitionerPhone: '13912340001' } });
    const audit = await withPg(DB, async (c) => (await c.query(`SELECT actor, actor_roles, record_type, field FROM audit_log WHERE record_id = $1 ORDER BY field`, [id])).rows);
    expect(audit).toEqual(
      ['petitionerIdNumber', 'petitionerName', 'petitionerPhone'].map((field) => ({ actor: 'procurator-1', actor_roles: ['PROCURATOR'], record_type: 'Petition', field })),
    );
    const otherDistrict = await h.as(identityOf(Role.PROCURATOR, '610102'), REVEAL, { id });
    expect(otherDistrict.data).toEqual({ petition: null });
  });

  it('encrypted what the first release left in clear before taking requests, and reads it back', async () => {
    const row = await stored(legacy.id);
    expect(row).toMatchObject({ petitioner_id_number: null, petitioner_phone: null, petitioner_id_number_cipher: expect.stringMatching(/^v1\.test1\./) });
    // Hashed and stored in the normal form (upper-case X), as new petitions are.
    expect(row.petitioner_id_number_hash).toBe(idNumberHash(h.service.deps.cipher, LEGACY_ID_NUMBER));
    const res = await h.as(procurator, REVEAL, { id: legacy.id });
    expect(res.data).toEqual({ petition: { petitionerName: '刘旧版', petitionerIdNumber: LEGACY_ID_NUMBER, petitionerPhone: legacy.phone } });
    const dump = await h.dump();
    expect(dump).not.toContain(legacy.phone);
    expect(dump).not.toContain(legacy.idNumber.slice(0, 17));
  });

  it('reads rows written in clear while running, and a pass run by two replicas at once encrypts each exactly once', async () => {
    const late = Array.from({ length: 30 }, () => ({ id: randomUUID(), idNumber: freshIdNumber(), phone: freshPhone() }));
    for (const row of late) await insertLegacy(h.service.db, row);
    const readable = await h.as<{ petition: { petitionerPhone: string } }>(procurator, `query($id: ID!) { petition(id: $id) { petitionerPhone(reveal: true, reason: "办理信访件核对身份") } }`, { id: late[0]!.id });
    expect(readable.data!.petition.petitionerPhone).toBe(late[0]!.phone);

    const { cipher } = h.service.deps;
    const passes = await Promise.all([encryptPetitionersAtRest(h.service.db, cipher, logger, 7), encryptPetitionersAtRest(h.service.db, cipher, logger, 7)]);
    expect(passes[0].sealed + passes[1].sealed).toBe(late.length);
    expect(passes.flatMap((p) => p.leftAlone)).toEqual([]);
    expect(await h.service.db.petition.count({ where: { OR: [{ petitionerPhone: { not: null } }, { petitionerIdNumber: { not: null } }] } })).toBe(0);
    expect((await encryptPetitionersAtRest(h.service.db, cipher, logger)).sealed).toBe(0);
    const dump = await h.dump();
    for (const row of late) expect(dump).not.toContain(row.idNumber.slice(0, 17));
  });

  it('re-encrypts every number under a new active key when keys rotate; hashes stay', async () => {
    const { PERSONAL_DATA_KEYS, PERSONAL_DATA_HASH_KEY } = h.config;
    const next = new SecretKey(randomBytes(32));
    const rotated = createPersonalDataCipher({ keys: new Map([...PERSONAL_DATA_KEYS, ['k2', next]]), activeKeyId: 'k2', hashKey: PERSONAL_DATA_HASH_KEY });
    const before = await h.service.db.petition.findMany({ select: { id: true, petitionerIdNumberHash: true } });
    const pass = await encryptPetitionersAtRest(h.service.db, rotated, logger);
    expect(pass.sealed).toBe(before.length);
    const rows = await h.service.db.petition.findMany();
    expect(rows.every((p) => p.petitionerIdNumberCipher?.startsWith('v1.k2.') && p.petitionerPhoneCipher?.startsWith('v1.k2.'))).toBe(true);
    expect(new Map(rows.map((p) => [p.id, p.petitionerIdNumberHash]))).toEqual(new Map(before.map((p) => [p.id, p.petitionerIdNumberHash])));
  });
});
