import { randomBytes, randomUUID } from 'node:crypto';
import { Role } from '@pgov/auth';
import { createLogger } from '@pgov/logger';
import { createPersonalDataCipher, SecretKey } from '@pgov/privacy';
import { identityOf } from '@pgov/testing';
import type { GridsDb } from '../src/persistence/prisma';
import { encryptPersonalDataAtRest } from '../src/services/member-encryption.service';
import { GRIDS, person, residentId, startMemberHarness, type MemberHarness } from './member-harness';

// Personal numbers at rest (SECURITY.md): encrypted on every write, a previous release's plaintext
// encrypted at start, older keys replaced by the active one — and no readable number in a dump.

let h: MemberHarness;
const admin = identityOf(Role.CITY_ADMIN, '610100');
const leader = identityOf(Role.LEADER, '610113');
const silent = createLogger('grids-test', 'silent');
const REGISTER = `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`;
const REVEAL = `query($id: ID!) { member(id: $id) { phone(reveal: true, reason: "核对加密后的号码") idNumber(reveal: true, reason: "核对加密后的号码") } }`;

/** What a previous release wrote: the numbers in clear, no ciphertext, no hash. */
const legacy = { id: randomUUID(), phone: '13611112222', idNumber: residentId('61011319700707707').toLowerCase() };

async function insertLegacy(db: GridsDb, row: { id: string; phone: string; idNumber: string }) {
  await db.$executeRaw`
    INSERT INTO member (id, name, team, informant_roles, status, grid_code, district_code, phone, id_number, joined_on)
    VALUES (${row.id}::uuid, '旧版成员', 'GRID_WORKER', ARRAY['INFORMATION_OFFICER']::"InformantRole"[], 'ACTIVE', ${GRIDS.a1}, '610113', ${row.phone}, ${row.idNumber}, '2024-01-01')`;
}

const storedRow = (id: string) =>
  h.db.$queryRaw<{ phone: string | null; id_number: string | null; phone_cipher: string | null; id_number_cipher: string | null; id_number_hash: string | null }[]>`
    SELECT phone, id_number, phone_cipher, id_number_cipher, id_number_hash FROM member WHERE id = ${id}::uuid`.then((rows) => rows[0]!);

beforeAll(async () => {
  h = await startMemberHarness((db) => insertLegacy(db, legacy));
});

afterAll(async () => {
  await h?.stop();
});

describe('personal numbers at rest', () => {
  it('leaves no readable phone or ID number in a dump after registering, reading and changing a member', async () => {
    const p = person('王密文');
    const registered = await h.as<{ registerMember: { id: string } }>(admin, REGISTER, { input: p });
    const id = registered.data!.registerMember.id;
    const revealed = await h.as<{ member: { phone: string; idNumber: string } }>(leader, REVEAL, { id });
    expect(revealed.data!.member).toEqual({ phone: p.phone, idNumber: p.idNumber });
    const newPhone = '13522223333';
    expect((await h.as(leader, `mutation($i: UpdateMemberInput!) { updateMember(input: $i) { id } }`, { i: { id, phone: newPhone } })).errors).toBeUndefined();

    const row = await storedRow(id);
    expect(row).toMatchObject({ phone: null, id_number: null, phone_cipher: expect.stringMatching(/^v1\.test1\./), id_number_cipher: expect.stringMatching(/^v1\.test1\./) });
    expect(row.id_number_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const dump = await h.dump();
    expect(dump).toContain(id);
    for (const secret of [p.phone, p.idNumber, newPhone, p.idNumber.slice(0, 17)]) expect(dump).not.toContain(secret);
  });

  it('encrypted what a previous release left in clear before taking requests, and reads it back', async () => {
    const row = await storedRow(legacy.id);
    expect(row).toMatchObject({ phone: null, id_number: null, phone_cipher: expect.stringMatching(/^v1\.test1\./) });
    const revealed = await h.as<{ member: { phone: string; idNumber: string } }>(leader, REVEAL, { id: legacy.id });
    // The check character is stored in its normal (upper-case) form.
    expect(revealed.data!.member).toEqual({ phone: legacy.phone, idNumber: legacy.idNumber.toUpperCase() });
    const dump = await h.dump();
    expect(dump).not.toContain(legacy.phone);
    expect(dump.toUpperCase()).not.toContain(legacy.idNumber.toUpperCase());
    // The hash now guards the person against a second registration.
    const twice = await h.as(admin, REGISTER, { input: person('冒名', { idNumber: legacy.idNumber.toUpperCase() }) });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('reads rows written in clear while running, and a pass run by two replicas at once encrypts each exactly once', async () => {
    const late = Array.from({ length: 30 }, (_, i) => ({ id: randomUUID(), phone: `1370000${String(1000 + i)}`, idNumber: residentId(`610113197108${String(10 + (i % 18))}${String(100 + i)}`) }));
    for (const row of late) await insertLegacy(h.db, row);
    const readable = await h.as<{ member: { phone: string } }>(leader, REVEAL, { id: late[0]!.id });
    expect(readable.data!.member.phone).toBe(late[0]!.phone);

    const passes = await Promise.all([encryptPersonalDataAtRest(h.db, h.service.deps.cipher, silent, 7), encryptPersonalDataAtRest(h.db, h.service.deps.cipher, silent, 7)]);
    expect(passes[0].sealed + passes[1].sealed).toBe(late.length);
    expect(passes.flatMap((p) => p.leftAlone)).toEqual([]);
    expect(await h.db.member.count({ where: { OR: [{ phone: { not: null } }, { idNumber: { not: null } }] } })).toBe(0);
    // Idempotent: nothing left to do.
    expect((await encryptPersonalDataAtRest(h.db, h.service.deps.cipher, silent)).sealed).toBe(0);
    const dump = await h.dump();
    for (const row of late) expect(dump).not.toContain(row.idNumber);
  });

  it('leaves alone, without failing, a clear row whose ID number another member already holds', async () => {
    const holder = person('持有人');
    await h.as(admin, REGISTER, { input: holder });
    const clash = { id: randomUUID(), phone: '13499990000', idNumber: holder.idNumber };
    await insertLegacy(h.db, clash);
    const pass = await encryptPersonalDataAtRest(h.db, h.service.deps.cipher, silent);
    expect(pass).toEqual({ sealed: 0, leftAlone: [clash.id] });
    await h.db.member.delete({ where: { id: clash.id } });
  });

  it('re-encrypts every value under the new active key when keys rotate; the old key can then go', async () => {
    const { PERSONAL_DATA_KEYS, PERSONAL_DATA_HASH_KEY } = h.config;
    const next = new SecretKey(randomBytes(32));
    const rotated = createPersonalDataCipher({ keys: new Map([...PERSONAL_DATA_KEYS, ['k2', next]]), activeKeyId: 'k2', hashKey: PERSONAL_DATA_HASH_KEY });
    const before = await h.db.member.findMany({ select: { id: true, idNumberHash: true } });
    const pass = await encryptPersonalDataAtRest(h.db, rotated, silent);
    expect(pass.sealed).toBe(before.length);

    const rows = await h.db.member.findMany();
    expect(rows.every((m) => m.phoneCipher?.startsWith('v1.k2.') && m.idNumberCipher?.startsWith('v1.k2.'))).toBe(true);
    // Hashes do not depend on the encryption key: uniqueness and look-ups are unchanged.
    expect(new Map(rows.map((m) => [m.id, m.idNumberHash]))).toEqual(new Map(before.map((m) => [m.id, m.idNumberHash])));
    const onlyNew = createPersonalDataCipher({ keys: new Map([['k2', next]]), activeKeyId: 'k2', hashKey: PERSONAL_DATA_HASH_KEY });
    expect(rows.map((m) => onlyNew.decrypt(m.phoneCipher!, 'member.phone'))).toContain(legacy.phone);
  });
});
