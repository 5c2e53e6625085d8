import { randomUUID } from 'node:crypto';
import { Role } from '@pgov/auth';
import { identityOf } from '@pgov/testing';
import { NOW, panelOf, startHearingHarness, type HearingHarness } from './hearing-harness';

// Reading hearings: the district calendar (soonest first, keyset pages, date and status filters),
// a petition's hearings, the panel as federated references, who sees what, and what a page costs.
const procurator = identityOf(Role.PROCURATOR, '610113');
const clerk = identityOf(Role.CLERK, '610113');
const cityLeader = identityOf(Role.LEADER, '610100');
const otherDistrict = identityOf(Role.PROCURATOR, '610102');
const HOUR = 3_600_000;

let h: HearingHarness;
/** Hearings of 610113, soonest first: one every 5 hours from NOW + 1 day (some on the same day in China). */
const yanta: { id: string; scheduledFor: string; petitionId: string }[] = [];
let weiyangHearing: string;

/** Hearings (with their panels) laid down directly: the calendar only reads them. */
async function seedHearing(districtCode: string, scheduledFor: Date, panelSize = 3, status: 'SCHEDULED' | 'CANCELLED' = 'SCHEDULED') {
  const petitionId = await h.seedPetition(districtCode);
  const hearing = await h.db.hearing.create({
    data: {
      petitionId,
      districtCode,
      subject: '公开听证',
      scheduledFor,
      venue: '综治中心行政争议化解室',
      status,
      createdBy: 'seed',
      createdAt: NOW,
      panelists: {
        create: Array.from({ length: panelSize }, (_, i) =>
          i === 0
            ? { petitionId, externalKind: 'NOTARY' as const, externalName: `公证员${i}`, externalIdNumberHash: randomUUID(), officerKey: `external:${randomUUID()}` }
            : { petitionId, memberId: randomUUID(), officerKey: `member:${randomUUID()}` },
        ),
      },
    },
  });
  return { id: hearing.id, scheduledFor: scheduledFor.toISOString(), petitionId };
}

beforeAll(async () => {
  h = await startHearingHarness();
  for (let i = 0; i < 60; i++) yanta.push(await seedHearing('610113', new Date(NOW.getTime() + 24 * HOUR + i * 5 * HOUR)));
  yanta.sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor) || a.id.localeCompare(b.id));
  weiyangHearing = (await seedHearing('610112', new Date(NOW.getTime() + 30 * HOUR))).id;
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; scheduledFor: string } }[] };
const DISTRICT = `query($r: [_Any!]!, $first: Int, $after: String, $from: String, $to: String, $status: [HearingStatus!]) { _entities(representations: $r) { ... on District {
  hearings(first: $first, after: $after, from: $from, to: $to, status: $status) { totalCount pageInfo { hasNextPage endCursor } edges { node { id scheduledFor } } } } } }`;

async function districtCalendar(who = procurator, args: Record<string, unknown> = {}, code = '610113'): Promise<Page> {
  const res = await h.as<{ _entities: { hearings: Page }[] }>(who, DISTRICT, { r: [{ __typename: 'District', code }], ...args });
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0]!.hearings;
}

describe('the hearing calendar', () => {
  it('pages a district’s hearings soonest first with keyset cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Page = await districtCalendar(procurator, { first: 25, after });
      expect(page.totalCount).toBe(60);
      seen.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(yanta.map((x) => x.id));
  });

  it('filters by China calendar dates, both days included, and by status', async () => {
    // 26 Nov in China: from 25 Nov 16:00Z to 26 Nov 16:00Z.
    const day = await districtCalendar(procurator, { from: '2026-11-26', to: '2026-11-26', first: 100 });
    const expected = yanta.filter((x) => x.scheduledFor >= '2026-11-25T16:00:00.000Z' && x.scheduledFor < '2026-11-26T16:00:00.000Z');
    expect(day.edges.map((e) => e.node.id)).toEqual(expected.map((x) => x.id));
    expect(day.totalCount).toBe(expected.length);
    expect((await districtCalendar(procurator, { status: ['HELD', 'CONCLUDED'] })).totalCount).toBe(0);
    const bad = await h.as(procurator, `{ hearings(from: "2026-11-31") { totalCount } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  it('shows a district its own calendar, the city every district, and nothing across districts', async () => {
    const q = `query($d: ID) { hearings(districtCode: $d, first: 100) { totalCount edges { node { id } } } }`;
    type Q = { hearings: { totalCount: number; edges: { node: { id: string } }[] } };
    expect((await h.as<Q>(clerk, q)).data!.hearings.totalCount).toBe(60);
    expect((await h.as<Q>(cityLeader, q)).data!.hearings.totalCount).toBe(61);
    expect((await h.as<Q>(cityLeader, q, { d: '610112' })).data!.hearings.edges.map((e) => e.node.id)).toEqual([weiyangHearing]);
    expect((await h.as<Q>(otherDistrict, q, { d: '610113' })).data!.hearings.totalCount).toBe(0);
    expect((await districtCalendar(otherDistrict)).totalCount).toBe(0);
    expect((await h.as<Q>(identityOf(Role.HEARING_OFFICER, '610113'), q)).data!.hearings.totalCount).toBe(0);
    const one = `query($id: ID!) { hearing(id: $id) { id } }`;
    expect((await h.as(otherDistrict, one, { id: yanta[0]!.id })).data).toEqual({ hearing: null });
    expect((await h.as(identityOf(Role.GRID_WORKER, '610113'), one, { id: yanta[0]!.id })).data).toEqual({ hearing: null });
    expect((await h.as(clerk, one, { id: yanta[0]!.id })).data).toEqual({ hearing: { id: yanta[0]!.id } });
  });

  it('answers a hearing reference with its panel as HearingOfficer references the gateway resolves in grids', async () => {
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Hearing { id petition { id } panel { officer { __typename id } externalKind externalName } } } }`;
    type Q = { _entities: ({ id: string; petition: { id: string }; panel: { officer: { __typename: string; id: string } | null; externalKind: string | null; externalName: string | null }[] } | null)[] };
    const res = await h.as<Q>(clerk, q, { r: [{ __typename: 'Hearing', id: yanta[0]!.id }, { __typename: 'Hearing', id: weiyangHearing }] });
    expect(res.errors).toBeUndefined();
    const [mine, other] = res.data!._entities;
    expect(other).toBeNull();
    expect(mine!.petition).toEqual({ id: yanta[0]!.petitionId });
    const [externals, members] = [mine!.panel.filter((p) => !p.officer), mine!.panel.filter((p) => p.officer)];
    expect(externals).toEqual([{ officer: null, externalKind: 'NOTARY', externalName: '公证员0' }]);
    expect(members).toHaveLength(2);
    expect(members.every((p) => p.officer?.__typename === 'HearingOfficer' && /^[0-9a-f-]{36}$/.test(p.officer.id) && p.externalName === null)).toBe(true);
  });

  it('lists a petition’s hearings, soonest first', async () => {
    const petitionId = await h.seedPetition();
    const later = await h.scheduleOk(procurator, petitionId, panelOf(3), { scheduledFor: '2026-12-20T01:00:00.000Z' });
    const sooner = await h.scheduleOk(procurator, petitionId, panelOf(3), { scheduledFor: '2026-12-10T01:00:00.000Z' });
    const res = await h.as<{ petition: { hearings: { id: string }[] } }>(clerk, `query($id: ID!) { petition(id: $id) { hearings { id } } }`, { id: petitionId });
    expect(res.data!.petition.hearings.map((x) => x.id)).toEqual([sooner.id, later.id]);
  });
});

describe('what a page costs', () => {
  const PAGE = `query($first: Int!) { hearings(first: $first) { totalCount edges { node {
    id subject scheduledFor status
    petition { id status districtCode hearings { id } }
    panel { id officer { id } externalKind externalName opinion } } } } }`;

  async function statementsFor(first: number) {
    const statements = await h.statementsOf(async () => {
      const res = await h.as<{ hearings: { edges: { node: { panel: unknown[]; petition: { id: string } } }[] } }>(procurator, PAGE, { first });
      expect(res.errors).toBeUndefined();
      const page = res.data!.hearings.edges;
      expect(page).toHaveLength(first);
      expect(page.every((e) => e.node.panel.length === 3 && e.node.petition !== null)).toBe(true);
    });
    return statements.length;
  }

  it('reads 50 hearings with their panels and petitions in a bounded number of statements', async () => {
    const fifty = await statementsFor(50);
    // The page, its count, the panels, the petitions, the petitions' hearings: 5.
    expect(fifty).toBeLessThanOrEqual(6);
    expect(await statementsFor(5)).toBe(fifty);
  });
});
