import { Role } from '@pgov/auth';
import { deleteNamespace, identityOf, testNamespace } from '@pgov/testing';
import { daysBefore, startTriage, submitAs, type TriageUnderTest } from './support/triage-api';

// The procurator's queue on the real database: filters by department, risk, overdue (by the
// service's clock), possible duplicate and title text; jurisdiction; and a page of 50 clues with
// their nested triage fields in a bounded number of statements.
const NAMESPACE = testNamespace();
const NOW = new Date('2026-11-26T02:00:00Z');
const DISTRICT = '610112';
const worker = identityOf(Role.GRID_WORKER, DISTRICT);
const otherWorker = identityOf(Role.GRID_WORKER, DISTRICT);
const procurator = identityOf(Role.PROCURATOR, DISTRICT);

let api: TriageUnderTest;
let statements: string[] = [];

beforeAll(async () => {
  api = await startTriage(NAMESPACE, NOW, (sql) => statements.push(sql));
});

afterAll(async () => {
  await api?.service.stop();
  await deleteNamespace(NAMESPACE);
});

const hoursAfter = (at: Date, hours: number) => new Date(at.getTime() + hours * 3_600_000);
const act = (mutation: string, type: string, input: Record<string, unknown>) =>
  api.askOk(procurator, `mutation($input: ${type}!) { r: ${mutation}(input: $input) { id } }`, { input });
const accept = (clueId: string) => act('acceptClue', 'AcceptClueInput', { clueId });
const assign = (clueId: string, department: string) => act('assignClue', 'AssignClueInput', { clueId, department });
const assess = (clueId: string, level: string) => act('assessClueRisk', 'AssessClueRiskInput', { clueId, level, factors: ['MASS'] });

type Page = { clues: { totalCount: number; edges: { node: { id: string; overdue: boolean; decidedAt: string | null } }[] } };
const LIST = `query($filter: ClueFilter, $districtCode: ID) {
  clues(first: 100, filter: $filter, districtCode: $districtCode) { totalCount edges { node { id overdue decidedAt } } }
}`;

describe('the procurator queue', () => {
  const c: Record<string, string> = {};
  const ids = async (filter: Record<string, unknown> = {}, who = procurator, districtCode?: string) => {
    const { clues } = await api.askOk<Page>(who, LIST, { filter, districtCode });
    expect(clues.totalCount).toBe(clues.edges.length);
    return clues.edges.map((e) => e.node.id);
  };

  beforeAll(async () => {
    const old = daysBefore(NOW, 40);
    api.setTime(old);
    c.stale = await submitAs(api, worker, { title: '废旧厂房安全隐患', category: 'PUBLIC_INTEREST_WORK_SAFETY', gridCode: `${DISTRICT}-01` });
    api.setTime(hoursAfter(old, 1));
    c.rejected = await submitAs(api, worker, { title: '噪音扰民', category: 'ADMINISTRATIVE', gridCode: `${DISTRICT}-02` });
    api.setTime(daysBefore(NOW, 35));
    await act('rejectClue', 'RejectClueInput', { clueId: c.rejected, reason: '不属于检察职能' });
    api.setTime(hoursAfter(old, 2));
    c.civil = await submitAs(api, worker, { title: '国有资产流失', category: 'PUBLIC_INTEREST_STATE_ASSETS', gridCode: `${DISTRICT}-03` });
    await accept(c.civil);
    await assign(c.civil, 'CIVIL');

    api.setTime(daysBefore(NOW, 2));
    c.high = await submitAs(api, worker, { title: '河道排污口整治', gridCode: `${DISTRICT}-04` });
    await accept(c.high);
    await assign(c.high, 'PUBLIC_INTEREST');
    await assess(c.high, 'HIGH');
    api.setTime(daysBefore(NOW, 1));
    c.duplicate = await submitAs(api, worker, { title: '河道排污口未整治', gridCode: `${DISTRICT}-04` });
    await accept(c.duplicate);
    await assess(c.duplicate, 'MEDIUM');
    api.setTime(hoursAfter(daysBefore(NOW, 1), 1));
    c.others = await submitAs(api, otherWorker, { title: '工地PM2.5超标扬尘', category: 'PUBLIC_INTEREST_LAND', gridCode: `${DISTRICT}-05` });
    api.setTime(NOW);
  });

  it('lists the district newest first, with overdue and decidedAt by the service clock', async () => {
    const { clues } = await api.askOk<Page>(procurator, LIST, {});
    expect(clues.edges.map((e) => e.node)).toEqual([
      { id: c.others, overdue: false, decidedAt: null },
      { id: c.duplicate, overdue: false, decidedAt: null },
      { id: c.high, overdue: false, decidedAt: null },
      { id: c.civil, overdue: true, decidedAt: null },
      { id: c.rejected, overdue: false, decidedAt: daysBefore(NOW, 35).toISOString() },
      { id: c.stale, overdue: true, decidedAt: null },
    ]);
  });

  it('filters by department and risk level', async () => {
    expect(await ids({ department: ['CIVIL'] })).toEqual([c.civil]);
    expect(await ids({ department: ['PUBLIC_INTEREST', 'CIVIL'] })).toEqual([c.high, c.civil]);
    expect(await ids({ riskLevel: ['HIGH'] })).toEqual([c.high]);
    expect(await ids({ riskLevel: ['HIGH', 'MEDIUM'] })).toEqual([c.duplicate, c.high]);
  });

  it('filters open clues past the decision deadline, and the rest', async () => {
    expect(await ids({ overdue: true })).toEqual([c.civil, c.stale]);
    expect(await ids({ overdue: false })).toEqual([c.others, c.duplicate, c.high, c.rejected]);
    expect(await ids({ overdue: true, status: ['ASSIGNED'] })).toEqual([c.civil]);
    expect(await ids({ overdue: true, department: ['PUBLIC_INTEREST'] })).toEqual([]);
  });

  it('filters flagged possible duplicates, and by title text, case-insensitively', async () => {
    expect(await ids({ possibleDuplicate: true })).toEqual([c.duplicate]);
    expect(await ids({ possibleDuplicate: false })).toEqual([c.others, c.high, c.civil, c.rejected, c.stale]);
    expect(await ids({ text: '排污口' })).toEqual([c.duplicate, c.high]);
    expect(await ids({ text: 'pm2.5' })).toEqual([c.others]);
    expect(await ids({ text: '100%' })).toEqual([]);
    // Two-character words, the way Chinese titles are searched (served by the spaced title's index).
    expect(await ids({ text: '排污' })).toEqual([c.duplicate, c.high]);
    expect(await ids({ text: '排口' })).toEqual([]);
    expect(await ids({ text: 'PM2.5' })).toEqual([c.others]);
    expect(await ids({ text: '排污口', riskLevel: ['HIGH'], possibleDuplicate: false, overdue: false })).toEqual([c.high]);
  });

  it("keeps a grid worker to their own clues, whatever the filter", async () => {
    expect(await ids({}, otherWorker)).toEqual([c.others]);
    expect(await ids({ overdue: true }, otherWorker)).toEqual([]);
    expect(await ids({ text: '排污口' }, worker)).toEqual([c.duplicate, c.high]);
  });

  it('shows another district nothing, and the city everything', async () => {
    const elsewhere = identityOf(Role.PROCURATOR, '610102');
    expect(await ids({}, elsewhere)).toEqual([]);
    expect(await ids({ overdue: true }, elsewhere, DISTRICT)).toEqual([]);
    expect(await ids({ riskLevel: ['HIGH'] }, identityOf(Role.CITY_ADMIN, '610100'))).toEqual([c.high]);
  });

  it('refuses a malformed filter naming the field', async () => {
    const res = await api.ask(procurator, LIST, { filter: { submittedFrom: 'last month' } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.submittedFrom' });
  });
});

describe('a page of clues with their triage fields', () => {
  it('costs the same bounded number of statements for 5 clues and for 50 (no N+1)', async () => {
    const district = '610124';
    const reporter = identityOf(Role.GRID_WORKER, district);
    const attachment = { name: '照片.jpg', sha256: 'c3'.repeat(32), size: 1024, mediaType: 'image/jpeg' };
    // 25 pairs of similar titles, each pair in a grid of its own: the second of each is flagged.
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      api.setTime(new Date(NOW.getTime() + i * 1000));
      const title = i % 2 === 0 ? `第${i}号排污口夜间排污` : `第${i - 1}号排污口夜间偷排`;
      ids.push(await submitAs(api, reporter, { title, gridCode: `${district}-0${Math.floor(i / 2)}`, attachments: [attachment] }));
    }
    const staff = identityOf(Role.PROCURATOR, district);
    for (const clueId of ids.filter((_, i) => i % 5 === 0)) {
      await api.askOk(staff, `mutation($id: ID!) { acceptClue(input: { clueId: $id }) { id } }`, { id: clueId });
      await api.askOk(staff, `mutation($id: ID!) { assessClueRisk(input: { clueId: $id, level: HIGH, factors: [MASS] }) { id } }`, { id: clueId });
    }

    const PAGE = `query($first: Int!) { clues(first: $first, districtCode: "${district}") { edges { node {
      id overdue decidedAt
      attachments { name sha256 }
      possibleDuplicates { clue { number } similarity dismissedAt }
      risk { level factors }
      history { to at }
    } } } }`;
    type PageNodes = { clues: { edges: { node: { attachments: unknown[]; possibleDuplicates: unknown[]; risk: unknown } }[] } };
    const cost = async (first: number) => {
      statements = [];
      const data = await api.askOk<PageNodes>(identityOf(Role.LEADER, district), PAGE, { first });
      const nodes = data.clues.edges.map((e) => e.node);
      expect(nodes).toHaveLength(first);
      expect(nodes.every((n) => n.attachments.length === 1)).toBe(true);
      expect(nodes.filter((n) => n.possibleDuplicates.length === 1).length).toBeGreaterThanOrEqual(Math.floor(first / 2));
      expect(nodes.some((n) => n.risk !== null)).toBe(true);
      // Only this request's statements: leave out the outbox relay's polls running meanwhile.
      return statements.filter((s) => !/outbox_event|pg_try_advisory_xact_lock|^(BEGIN|COMMIT|ROLLBACK)/.test(s)).length;
    };
    const fifty = await cost(50);
    // page, count, attachments, flags, the flagged earlier clues, histories: 6.
    expect(fifty).toBeLessThanOrEqual(6);
    expect(await cost(5)).toBe(fifty);
  });
});

describe("a district's unfiltered total", () => {
  it('is read from the tally PostgreSQL keeps, not counted; a filtered total is counted, and both agree with the rows', async () => {
    const district = '610115';
    const reporter = identityOf(Role.GRID_WORKER, district);
    for (let i = 0; i < 3; i++) await submitAs(api, reporter, { title: `第${i}处违建`, gridCode: `${district}-0${i}` });
    const TOTAL = `query($filter: ClueFilter) { clues(first: 1, districtCode: "${district}", filter: $filter) { totalCount } }`;
    const leader = identityOf(Role.LEADER, district);
    const countsOverClue = () => statements.filter((s) => /count\(/i.test(s) && /FROM "public"\."clue"/i.test(s) && !/clue_district_tally/.test(s));

    statements = [];
    const all = await api.askOk<{ clues: { totalCount: number } }>(leader, TOTAL, {});
    expect(all.clues.totalCount).toBe(3);
    expect(statements.some((s) => /clue_district_tally/.test(s))).toBe(true);
    expect(countsOverClue()).toEqual([]);

    statements = [];
    const submitted = await api.askOk<{ clues: { totalCount: number } }>(leader, TOTAL, { filter: { status: ['SUBMITTED'] } });
    expect(submitted.clues.totalCount).toBe(3);
    expect(countsOverClue()).toHaveLength(1);

    // A grid worker's list is narrower than the district: their own clues, counted.
    const own = await api.askOk<{ clues: { totalCount: number } }>(identityOf(Role.GRID_WORKER, district), TOTAL, {});
    expect(own.clues.totalCount).toBe(0);
  });
});
