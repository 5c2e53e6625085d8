import { randomUUID } from 'node:crypto';
import {
  hierarchyChanged,
  memberRegistered,
  memberRolesChanged,
  memberStatusChanged,
  memberTrained,
  memberUpdated,
  type InformantRole,
  type MemberSnapshot,
  type MemberStatus,
} from '@pgov/contracts';
import type { IncomingMessage } from '@pgov/messaging';
import { indicatorEvents, message, type IndicatorEvents } from './support/indicator-events';

// INFORMANT_GRID_COVERAGE and MEMBERS_TRAINED kept from grids.hierarchy.v1 and grids.member.v1 on
// the real database: values equal recounts from the facts whatever the order, duplication or
// concurrency of the events.
const GRID_INDICATORS = ['INFORMANT_GRID_COVERAGE', 'MEMBERS_TRAINED'] as const;
let h: IndicatorEvents;

beforeAll(() => {
  h = indicatorEvents();
});
beforeEach(() => h.reset());
afterAll(() => h?.stop());

const grid = (change: 'CREATED' | 'RETIRED', code: string, changedAt: string, level: 'GRID' | 'COMMUNITY' = 'GRID') =>
  message(
    hierarchyChanged,
    { code, level, change, name: `网格${code}`, previousName: null, parentCode: `${code.slice(0, 6)}-001-001`, districtCode: code.slice(0, 6), changedAt },
    { subject: code },
  );

interface Member {
  id: string;
  gridCode: string;
  roles: InformantRole[];
  status: MemberStatus;
}

const snapshot = (m: Member): MemberSnapshot => ({
  memberId: m.id,
  districtCode: m.gridCode.slice(0, 6),
  gridCode: m.gridCode,
  team: 'GRID_WORKER',
  informantRoles: m.roles,
  status: m.status,
  hearingOfficerKind: null,
});

/** A member and the events changing them, each with the full snapshot after the change. */
function member(gridCode: string, roles: InformantRole[] = ['INFORMATION_OFFICER'], status: MemberStatus = 'ACTIVE') {
  const m: Member = { id: randomUUID(), gridCode, roles, status };
  const opts = { subject: m.id };
  return {
    id: m.id,
    registered: (registeredAt: string) => message(memberRegistered, { ...snapshot(m), registeredAt }, opts),
    roles(roles: InformantRole[], changedAt: string) {
      const previousInformantRoles = m.roles;
      m.roles = roles;
      return message(memberRolesChanged, { ...snapshot(m), previousInformantRoles, changedAt }, opts);
    },
    status(status: MemberStatus, changedAt: string) {
      const previousStatus = m.status;
      m.status = status;
      return message(memberStatusChanged, { ...snapshot(m), previousStatus, changedAt }, opts);
    },
    move(gridCode: string, updatedAt: string) {
      const previousGridCode = m.gridCode;
      m.gridCode = gridCode;
      return message(memberUpdated, { ...snapshot(m), changedFields: ['gridCode'], previousGridCode, updatedAt }, opts);
    },
    trained: (trainingId: string, heldOn: string) =>
      message(memberTrained, { memberId: m.id, districtCode: m.gridCode.slice(0, 6), trainingId, trainingDistrictCode: '610100', heldOn, recordedAt: `${heldOn}T08:00:00.000Z` }, opts),
  };
}

const coverage = async (district: string, kind: 'MONTH' | 'QUARTER' | 'YEAR', period: string) => {
  const v = await h.value('INFORMANT_GRID_COVERAGE', district, kind, period);
  return v && `${v.numerator}/${v.denominator}`;
};

const snapshotValues = async () =>
  (await h.db.indicatorValue.findMany({ orderBy: [{ indicatorCode: 'asc' }, { districtCode: 'asc' }, { periodKind: 'asc' }, { period: 'asc' }] }))
    .filter((v) => v.numerator !== 0 || v.denominator !== 0)
    .map((v) => [v.indicatorCode, v.districtCode, v.periodKind, v.period, v.numerator, v.denominator, v.value]);

// Two grids in 610113 and one in 610102, created in October.
const G1 = '610113-001-001-01';
const G2 = '610113-001-001-02';
const G3 = '610102-001-001-01';
const grids = () => [grid('CREATED', G1, '2026-10-05T02:00:00.000Z'), grid('CREATED', G2, '2026-10-05T02:00:00.000Z'), grid('CREATED', G3, '2026-10-06T02:00:00.000Z')];

describe('informant grid coverage', () => {
  it('counts grids with an active information officer at the end of each period, per district and for the city', async () => {
    const a = member(G1);
    const b = member(G3, ['PUBLICIST']);
    await h.deliver([...grids(), a.registered('2026-11-10T02:00:00.000Z'), b.registered('2026-11-12T02:00:00.000Z')]);
    expect(await coverage('610113', 'MONTH', '2026-11')).toBe('1/2');
    expect(await coverage('610102', 'MONTH', '2026-11')).toBe('0/1');
    expect(await coverage('610100', 'MONTH', '2026-11')).toBe('1/3');
    // October ended with grids and no information officer.
    expect(await coverage('610100', 'MONTH', '2026-10')).toBe('0/3');

    // A role granted in December: November's value, its state at the end of November, stays.
    await h.deliver([b.roles(['PUBLICIST', 'INFORMATION_OFFICER'], '2026-12-03T02:00:00.000Z')]);
    expect(await coverage('610102', 'MONTH', '2026-12')).toBe('1/1');
    expect(await coverage('610100', 'MONTH', '2026-12')).toBe('2/3');
    expect(await coverage('610100', 'MONTH', '2026-11')).toBe('1/3');
    expect(await coverage('610100', 'QUARTER', '2026-Q4')).toBe('2/3');
    expect(await coverage('610100', 'YEAR', '2026')).toBe('2/3');
    // Every district with grids has a value in every period with a change (610102's unchanged December included).
    expect(await coverage('610113', 'MONTH', '2026-12')).toBe('1/2');

    // The role withdrawn: the span closes.
    await h.deliver([a.roles([], '2026-12-20T02:00:00.000Z')]);
    expect(await coverage('610113', 'MONTH', '2026-12')).toBe('0/2');
    expect(await coverage('610100', 'YEAR', '2026')).toBe('1/3');
    expect(await h.db.informantSpan.count({ where: { to: null } })).toBe(1);
    await h.expectRecountEqual(GRID_INDICATORS);
  });

  it('closes the span of a suspended member and opens one on reactivation; a retired member stays closed', async () => {
    const a = member(G1);
    await h.deliver([...grids(), a.registered('2026-11-02T02:00:00.000Z'), a.status('SUSPENDED', '2026-11-15T02:00:00.000Z')]);
    expect(await coverage('610113', 'MONTH', '2026-11')).toBe('0/2');
    await h.deliver(a.status('ACTIVE', '2026-12-01T02:00:00.000Z'));
    expect(await coverage('610113', 'MONTH', '2026-12')).toBe('1/2');
    await h.deliver(a.status('RETIRED', '2027-01-10T02:00:00.000Z'));
    expect(await coverage('610113', 'MONTH', '2027-01')).toBe('0/2');
    expect(await coverage('610113', 'MONTH', '2026-12')).toBe('1/2');
    expect(await h.db.informantSpan.count()).toBe(2);
    await h.expectRecountEqual(GRID_INDICATORS);
  });

  it('moves the coverage with an information officer who changes grid; a move of anyone else changes nothing', async () => {
    const a = member(G1);
    const c = member(G1, []);
    await h.deliver([...grids(), a.registered('2026-11-02T02:00:00.000Z'), c.registered('2026-11-02T03:00:00.000Z')]);
    await h.deliver([a.move(G2, '2026-11-20T02:00:00.000Z'), c.move(G2, '2026-11-21T02:00:00.000Z')]);
    const spans = await h.db.informantSpan.findMany({ orderBy: { from: 'asc' } });
    expect(spans.map((s) => [s.gridCode, s.to?.toISOString() ?? null])).toEqual([
      [G1, '2026-11-20T02:00:00.000Z'],
      [G2, null],
    ]);
    expect(await coverage('610113', 'MONTH', '2026-11')).toBe('1/2');
    // Into another district: the grid counts where it is.
    await h.deliver(a.move(G3, '2026-12-05T02:00:00.000Z'));
    expect(await coverage('610113', 'MONTH', '2026-12')).toBe('0/2');
    expect(await coverage('610102', 'MONTH', '2026-12')).toBe('1/1');
    await h.expectRecountEqual(GRID_INDICATORS);
  });

  it('takes a retired grid out from the end of the period it was retired in, and China time decides the period', async () => {
    const a = member(G1);
    const b = member(G2);
    await h.deliver([...grids(), a.registered('2026-11-02T02:00:00.000Z'), b.registered('2026-11-02T02:00:00.000Z')]);
    expect(await coverage('610113', 'MONTH', '2026-11')).toBe('2/2');
    // 30 Nov 16:00 UTC is midnight, 1 December, in China: the span ran to the end of November.
    await h.deliver([b.roles([], '2026-11-30T16:00:00.000Z'), grid('RETIRED', G2, '2026-12-10T02:00:00.000Z')]);
    expect(await coverage('610113', 'MONTH', '2026-11')).toBe('2/2');
    expect(await coverage('610113', 'MONTH', '2026-12')).toBe('1/1');
    expect(await coverage('610100', 'MONTH', '2026-12')).toBe('1/2');
    // A grid created a minute after midnight on 1 December, China time, first counts for December.
    await h.deliver(grid('CREATED', '610113-001-001-03', '2026-11-30T16:01:00.000Z'));
    expect(await coverage('610113', 'MONTH', '2026-11')).toBe('2/2');
    expect(await coverage('610113', 'MONTH', '2026-12')).toBe('1/2');
    // Units above the grids count for nothing.
    await h.deliver(grid('CREATED', '610113-001-009', '2026-12-11T02:00:00.000Z', 'COMMUNITY'));
    expect(await h.db.gridFact.count()).toBe(4);
    await h.expectRecountEqual(GRID_INDICATORS);
  });

  it('is exact under concurrent consumers (every event recomputes the whole city)', async () => {
    const codes = Array.from({ length: 12 }, (_, i) => `${i % 2 ? '610113' : '610104'}-002-001-${String(i).padStart(2, '0')}`);
    await Promise.all(codes.map((code) => h.deliver(grid('CREATED', code, '2026-11-01T02:00:00.000Z'))));
    const members = codes.map((code, i) => member(code, i % 3 ? ['INFORMATION_OFFICER'] : ['PUBLICIST']));
    await Promise.all(members.map((m, i) => h.deliver(m.registered(`2026-11-${String(10 + i).padStart(2, '0')}T02:00:00.000Z`))));
    expect(await coverage('610100', 'MONTH', '2026-11')).toBe('8/12');
    expect(await coverage('610113', 'MONTH', '2026-11')).toBe('4/6');
    await h.expectRecountEqual(GRID_INDICATORS);
  });
});

describe('members trained', () => {
  it("counts attendances (人次) in the member's district by the training's date, one per member and training", async () => {
    const [a, b, c] = [member(G1), member(G2), member(G3)];
    const [t1, t2] = [randomUUID(), randomUUID()];
    const twice = a.trained(t1, '2026-11-30');
    await h.deliver([twice, b.trained(t1, '2026-11-30'), a.trained(t2, '2026-12-01'), c.trained(t2, '2026-12-01')]);
    // The same attendance announced again (another event): still once.
    await h.deliver(a.trained(t1, '2026-11-30'));
    expect((await h.deliver(twice))[0]!.status).toBe('duplicate');
    expect((await h.value('MEMBERS_TRAINED', '610113', 'MONTH', '2026-11'))?.value).toBe(2);
    expect((await h.value('MEMBERS_TRAINED', '610113', 'MONTH', '2026-12'))?.value).toBe(1);
    expect((await h.value('MEMBERS_TRAINED', '610102', 'MONTH', '2026-12'))?.value).toBe(1);
    expect((await h.value('MEMBERS_TRAINED', '610100', 'QUARTER', '2026-Q4'))?.value).toBe(4);
    expect((await h.value('MEMBERS_TRAINED', '610100', 'YEAR', '2026'))?.value).toBe(4);
    await h.expectRecountEqual(GRID_INDICATORS);
  });
});

describe('grid events replayed', () => {
  function history(): IncomingMessage[] {
    const [a, b, c] = [member(G1), member(G2, ['PUBLICIST']), member(G3)];
    return [
      ...grids(),
      a.registered('2026-10-20T02:00:00.000Z'),
      b.registered('2026-10-21T02:00:00.000Z'),
      c.registered('2026-11-03T02:00:00.000Z'),
      b.roles(['INFORMATION_OFFICER'], '2026-11-15T02:00:00.000Z'),
      a.status('SUSPENDED', '2026-12-02T02:00:00.000Z'),
      c.move(G2, '2027-01-05T02:00:00.000Z'),
      grid('RETIRED', G3, '2027-01-06T02:00:00.000Z'),
      a.trained(randomUUID(), '2026-11-12'),
      c.trained(randomUUID(), '2027-01-12'),
    ];
  }

  it('applies duplicates once, and a new consumer on empty tables, in another order, gives the same values', async () => {
    const events = history();
    await h.deliver(events);
    const first = await snapshotValues();
    expect(first.length).toBeGreaterThan(0);
    await h.expectRecountEqual(GRID_INDICATORS);
    expect((await h.deliver(events)).every((o) => o.status === 'duplicate')).toBe(true);
    expect(await snapshotValues()).toEqual(first);

    await h.reset();
    await h.deliver(events, { consumer: 'indicators-replay', alerts: false });
    expect(await snapshotValues()).toEqual(first);

    // The member topic before the hierarchy topic (each in its own order, as Kafka keeps it).
    await h.reset();
    const isHierarchy = (m: IncomingMessage) => m.topic === 'grids.hierarchy.v1';
    await h.deliver([...events.filter((m) => !isHierarchy(m)), ...events.filter(isHierarchy)], { consumer: 'indicators-replay', alerts: false });
    expect(await snapshotValues()).toEqual(first);
    await h.expectRecountEqual(GRID_INDICATORS);
  });
});
