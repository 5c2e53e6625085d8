import { MEMBER_SNAPSHOT_REQUIRED } from '@pgov/contracts';
import { generatePersonalDataKeyEnv, personalDataCipherOf, residentIdProblem } from '@pgov/privacy';
import { testDatabaseUrl, truncateTables } from '@pgov/testing';
import { readSeedConfig } from '../config';
import { createDb, type GridsDb } from '../persistence/prisma';
import { demoNetwork, demoUuid, SCALES } from './demo-data';
import { writeDemoPart } from './write-demo-network';

describe('demo grid network', () => {
  it('is the same for the same seed and different for another', () => {
    const a = [...demoNetwork(7, SCALES.demo)];
    const b = [...demoNetwork(7, SCALES.demo)];
    const c = [...demoNetwork(8, SCALES.demo)];
    expect(a).toEqual(b);
    expect(a[0]!.members[0]!.id).not.toBe(c[0]!.members[0]!.id);
  });

  it('covers all 13 districts at the chosen size with valid personal data', () => {
    const all = [...demoNetwork(1, SCALES.demo)];
    expect(all).toHaveLength(13);
    const members = all.flatMap((d) => d.members);
    expect(all.flatMap((d) => d.grids)).toHaveLength(13 * 2 * 2 * 3);
    expect(members).toHaveLength(13 * 12 * 2);
    expect(members.every((m) => residentIdProblem(m.idNumber) === null)).toBe(true);
    expect(members.every((m) => m.gridCode.startsWith(m.districtCode))).toBe(true);
    expect(new Set(members.map((m) => m.idNumber)).size).toBe(members.length);
  });

  it('has every team in every district, a few hearing officers of various kinds, and informant roles on grid workers only', () => {
    const all = [...demoNetwork(1, SCALES.demo)];
    for (const { members } of all) {
      expect(new Set(members.map((m) => m.team))).toEqual(new Set(['GRID_WORKER', 'SUPERVISOR', 'COMMUNITY_PROCURATOR', 'HEARING_OFFICER', 'PROCURATOR_ASSISTANT']));
      const officers = members.filter((m) => m.team === 'HEARING_OFFICER');
      expect(officers.length).toBeGreaterThanOrEqual(2);
      expect(new Set(officers.map((m) => m.hearingOfficerKind)).size).toBeGreaterThanOrEqual(2);
    }
    const members = all.flatMap((d) => d.members);
    expect(members.every((m) => (m.team === 'HEARING_OFFICER') === (m.hearingOfficerKind !== null))).toBe(true);
    expect(members.filter((m) => m.team !== 'GRID_WORKER').every((m) => m.informantRoles.length === 0)).toBe(true);
    expect(new Set(members.map((m) => m.hearingOfficerKind).filter(Boolean)).size).toBe(8);
  });

  it('keeps member ids where other tools expect them', () => {
    const [first] = demoNetwork(2026, SCALES.demo);
    expect(first!.members[0]!.id).toBe(demoUuid(2026, `member:${first!.grids[0]!.code}:1`));
    expect(first!.members[0]!.team).toBe('GRID_WORKER');
  });

  it('derives uuids of the RFC 4122 shape', () => {
    expect(demoUuid(1, 'x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('demo grid network written to the database', () => {
  const DB = testDatabaseUrl('grids');
  const cipher = personalDataCipherOf(readSeedConfig({ DATABASE_URL: DB, ...generatePersonalDataKeyEnv('test1') }));
  const at = new Date('2026-11-20T02:00:00.000Z');
  let db: GridsDb;
  let firstRun: number;

  const seed = async () => {
    let events = 0;
    for (const part of demoNetwork(1, SCALES.demo)) events += (await db.$transaction((tx) => writeDemoPart(tx, part, cipher, at))).events;
    return events;
  };
  const outbox = () => db.outboxEvent.findMany({ orderBy: { seq: 'asc' } });

  beforeAll(async () => {
    await truncateTables(DB, ['district']);
    db = createDb(DB);
    firstRun = await seed();
  });
  afterAll(() => db?.$disconnect());

  it('announces every unit and member it inserts in the outbox, as the grids service would, and nothing on a second run', async () => {
    expect(firstRun).toBe(13 * (2 + 4 + 12) + 13 * 24);
    const rows = await outbox();
    const ofType = (type: string) => rows.filter((r) => r.type === type);
    const units = ofType('grids.hierarchy.changed').map((r) => (r.envelope as { data: { level: string; change: string; code: string; parentCode: string } }).data);
    expect(units.filter((u) => u.level === 'STREET')).toHaveLength(13 * 2);
    expect(units.filter((u) => u.level === 'COMMUNITY')).toHaveLength(13 * 4);
    expect(units.filter((u) => u.level === 'GRID')).toHaveLength(13 * 12);
    expect(units.every((u) => u.change === 'CREATED' && u.code.startsWith(u.parentCode))).toBe(true);
    expect(ofType('grids.member.registered')).toHaveLength(13 * 24);
    expect(new Set(rows.map((r) => r.topic))).toEqual(new Set(['grids.hierarchy.v1', 'grids.member.v1']));
    expect(rows.every((r) => r.key === (r.envelope as { subject: string }).subject && r.publishedAt === null)).toBe(true);
    // Each grid before its members, so the relay publishes a grid before the members serving in it.
    const position = new Map(rows.map((r, i) => [(r.envelope as { subject: string }).subject, i]));
    const gridOf = (r: (typeof rows)[number]) => (r.envelope as { data: { gridCode: string } }).data.gridCode;
    expect(ofType('grids.member.registered').every((r) => position.get(gridOf(r))! < position.get((r.envelope as { subject: string }).subject)!)).toBe(true);
    expect(await db.member.count()).toBe(13 * 24);

    // The same seed again: every row is there already, so nothing is announced twice.
    expect(await seed()).toBe(0);
    expect(await outbox()).toHaveLength(rows.length);
  });

  it('puts no personal field in member events: the snapshot and the registration time only', async () => {
    const members = new Map([...demoNetwork(1, SCALES.demo)].flatMap((p) => p.members).map((m) => [m.id, m]));
    const events = (await outbox()).filter((r) => r.type === 'grids.member.registered');
    expect(events.length).toBe(members.size);
    for (const e of events) {
      const envelope = e.envelope as { subject: string; time: string; data: Record<string, unknown> };
      expect(Object.keys(envelope.data).sort()).toEqual([...MEMBER_SNAPSHOT_REQUIRED, 'registeredAt'].sort());
      const m = members.get(envelope.subject)!;
      expect(envelope.data).toMatchObject({ memberId: m.id, gridCode: m.gridCode, districtCode: m.districtCode, informantRoles: m.informantRoles, status: m.status, registeredAt: at.toISOString() });
      const text = JSON.stringify(envelope);
      expect([m.name, m.phone, m.idNumber].filter((p) => text.includes(p))).toEqual([]);
    }
  });
});
