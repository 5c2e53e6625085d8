import { Role, type Identity } from '@pgov/auth';
import { indicatorAlertRaised } from '@pgov/contracts';
import { residentIdCheckChar } from '@pgov/privacy';
import { deleteNamespace, identityOf, testNamespace, waitFor } from '@pgov/testing';
import { readTopic } from './kafka-helpers';
import { gatewayCalls, startPlatform, type Platform } from './platform';

// Indicators & reporting end to end through the gateway: events of the other services become
// values, a report with trend, rank and charts (CSV and HTML through the graph), the catalogue
// edited by a CITY_ADMIN, an alert raised once when a value crosses its target; ANALYST sees
// reports and no personal data.

const namespace = testNamespace();
let platform: Platform;
const district = '610113';
const admin = identityOf(Role.CITY_ADMIN, '610100');
const analyst = identityOf(Role.ANALYST, '610100');
const procurator = identityOf(Role.PROCURATOR, district);
const stranger = identityOf(Role.PROCURATOR, '610102');
const partner = identityOf(Role.PARTNER, '610100');
let worker: Identity;

// The period the services' clocks are in (China time).
const now = new Date(Date.now() + 8 * 3_600_000);
const QUARTER = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;

const { as, ok } = gatewayCalls(() => platform);

interface Line {
  indicator: { code: string };
  value: number | null;
  numerator: number;
  denominator: number;
  target: number | null;
  meetsTarget: boolean | null;
  rank: number | null;
  rankedAmong: number;
  districtValues: { districtCode: string; value: number | null }[];
}
interface Report {
  districtCode: string;
  period: string;
  lines: Line[];
  overdue: { kind: string }[];
  csv: string;
  html: string;
}
const REPORT = `query($d: ID!, $p: String!) { indicatorReport(districtCode: $d, periodKind: QUARTER, period: $p) {
  districtCode period lines { indicator { code } value numerator denominator target meetsTarget rank rankedAmong districtValues { districtCode value } }
  overdue { kind } csv html } }`;
const report = async (who: Identity, d: string) => (await as<{ indicatorReport: Report | null }>(who, REPORT, { d, p: QUARTER })).data?.indicatorReport ?? null;
const line = (r: Report, code: string) => r.lines.find((l) => l.indicator.code === code)!;

let clueIds: string[] = [];

beforeAll(async () => {
  platform = await startPlatform(namespace);
  const csv = ['level,code,name,parent_code', 'STREET,610113-C1,小寨路街道,610113', 'COMMUNITY,610113-C1-01,长延堡社区,610113-C1', 'GRID,610113-C1-01-01,第一网格,610113-C1-01', 'GRID,610113-C1-01-02,第二网格,610113-C1-01'].join('\n');
  await ok(admin, `mutation($input: ImportGovernanceHierarchyInput!) { importGovernanceHierarchy(input: $input) { grids } }`, { input: { csv } });
  const first17 = '61011319880808123';
  const member = await ok<{ registerMember: { id: string } }>(admin, `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`, {
    input: { name: '刘网格', team: 'GRID_WORKER', gridCode: '610113-C1-01-01', phone: '13811112222', idNumber: first17 + residentIdCheckChar(first17), informantRoles: ['INFORMATION_OFFICER'] },
  });
  worker = identityOf(Role.GRID_WORKER, district, member.registerMember.id, '刘网格');
}, 120_000);

afterAll(async () => {
  // The catalogue outlives the test (the platform's start empties facts and values, not it).
  if (platform) await as(admin, `mutation { updateIndicator(input: { code: "CLUE_ACCEPTANCE_RATE", target: 0.6 }) { code } }`);
  await platform?.stopAll();
  await deleteNamespace(namespace);
}, 60_000);

describe('the catalogue', () => {
  it('is edited by a CITY_ADMIN only, with bad input named by field', async () => {
    const edited = await ok<{ updateIndicator: { code: string; target: number } }>(admin, `mutation { updateIndicator(input: { code: "CLUE_ACCEPTANCE_RATE", target: 0.9 }) { code target } }`);
    expect(edited.updateIndicator).toEqual({ code: 'CLUE_ACCEPTANCE_RATE', target: 0.9 });
    const refused = await as(analyst, `mutation { updateIndicator(input: { code: "CLUE_ACCEPTANCE_RATE", target: 0.1 }) { code } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await as(admin, `mutation { updateIndicator(input: { code: "CLUE_ACCEPTANCE_RATE", target: 1.5 }) { code } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.target' });
    const all = await ok<{ indicators: { code: string }[] }>(analyst, `{ indicators { code } }`);
    expect(all.indicators).toHaveLength(17);
  });
});

describe('a report', () => {
  it('counts the other services’ events into values with numerators, ranks and charts', async () => {
    const submit = async (title: string) =>
      (
        await ok<{ submitClue: { id: string } }>(worker, `mutation($input: SubmitClueInput!) { submitClue(input: $input) { id } }`, {
          input: { title, description: '网格员巡查发现', category: 'PUBLIC_INTEREST_ECOLOGY', gridCode: '610113-C1-01-01' },
        })
      ).submitClue.id;
    clueIds = [await submit('河道夜间排污'), await submit('无证食品作坊'), await submit('占用耕地建房')];
    await ok(procurator, `mutation($input: AcceptClueInput!) { acceptClue(input: $input) { id } }`, { input: { clueId: clueIds[0] } });
    await ok(procurator, `mutation($input: AcceptClueInput!) { acceptClue(input: $input) { id } }`, { input: { clueId: clueIds[1] } });
    await ok(procurator, `mutation($input: RejectClueInput!) { rejectClue(input: $input) { id } }`, { input: { clueId: clueIds[2], reason: '不属于检察职能' } });
    const rec = await ok<{ issueRecommendation: { id: string } }>(procurator, `mutation($input: IssueRecommendationInput!) { issueRecommendation(input: $input) { id } }`, {
      input: { kind: 'PUBLIC_INTEREST_PRE_LITIGATION', agencyName: '雁塔区生态环境局', agencyKind: '行政机关', title: '督促整治河道排污', content: '建议依法履行监管职责。' },
    });
    await ok(procurator, `mutation($input: RecordRecommendationReplyInput!) { recordRecommendationReply(input: $input) { id } }`, {
      input: { recommendationId: rec.issueRecommendation.id, adoption: 'ADOPTED', text: '已采纳并整改。' },
    });
    await ok(procurator, `mutation($input: RecordFollowUpCheckInput!) { recordFollowUpCheck(input: $input) { id } }`, {
      input: { recommendationId: rec.issueRecommendation.id, rectified: true, note: '回头看已整改到位。' },
    });

    const r = await waitFor(
      async () => {
        const got = await report(analyst, district);
        return got && line(got, 'RECTIFICATION_RATE').denominator === 1 && line(got, 'CLUE_ACCEPTANCE_RATE').denominator === 3 ? got : undefined;
      },
      { what: 'the events to reach the indicators', timeoutMs: 30_000 },
    );
    expect(r.lines).toHaveLength(17);
    expect(line(r, 'CLUES_FROM_GRIDS')).toMatchObject({ value: 3, rank: 1, rankedAmong: 1 });
    expect(line(r, 'CLUE_ACCEPTANCE_RATE')).toMatchObject({ numerator: 2, denominator: 3, target: 0.9, meetsTarget: false });
    expect(line(r, 'CLUE_ACCEPTANCE_RATE').value).toBeCloseTo(2 / 3);
    expect(line(r, 'RECOMMENDATIONS_ISSUED')).toMatchObject({ value: 1 });
    expect(line(r, 'RECOMMENDATION_ADOPTION_RATE')).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(line(r, 'RECTIFICATION_RATE')).toMatchObject({ value: 1 });
    // One of the two grids has an active information officer.
    expect(line(r, 'INFORMANT_GRID_COVERAGE')).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(line(r, 'CLUES_FROM_GRIDS').districtValues.find((d) => d.districtCode === district)?.value).toBe(3);

    // The city: the same numbers pooled, no rank.
    const city = (await report(analyst, '610100'))!;
    expect(line(city, 'CLUES_FROM_GRIDS')).toMatchObject({ value: 3, rank: null });

    // The documents, through the graph.
    expect(r.csv.startsWith('\uFEFF')).toBe(true);
    expect(r.csv).toContain('CLUE_ACCEPTANCE_RATE');
    expect(r.html).toMatch(/^<!DOCTYPE html>/i);
    expect(r.html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(17);
    expect(r.html).not.toMatch(/https?:\/\//);
  }, 60_000);

  it('raises the alert of a value crossing its target once, on the partner-readable alert topic', async () => {
    type Page = { indicatorAlerts: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { indicator: { code: string }; districtCode: string; period: string; value: number; target: number } }[] } };
    const ALERTS = `query($after: String) { indicatorAlerts(indicatorCode: "CLUE_ACCEPTANCE_RATE", first: 4, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { indicator { code } districtCode period value target } } } }`;
    const first = await waitFor(
      async () => {
        const got = await ok<Page>(analyst, ALERTS);
        return got.indicatorAlerts.totalCount >= 6 ? got.indicatorAlerts : undefined;
      },
      { what: 'the acceptance-rate alerts (district and city, month, quarter and year)' },
    );
    expect(first.totalCount).toBe(6);
    expect(first.edges).toHaveLength(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await ok<Page>(analyst, ALERTS, { after: first.pageInfo.endCursor })).indicatorAlerts;
    expect(second.edges).toHaveLength(2);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const alerts = [...first.edges, ...second.edges].map((e) => e.node);
    expect(new Set(alerts.map((a) => `${a.districtCode} ${a.period}`)).size).toBe(6);
    expect(alerts.every((a) => a.target === 0.9 && a.value < 0.9)).toBe(true);
    // A district's procurator sees its own district's three only.
    const own = await ok<Page>(procurator, ALERTS);
    expect(own.indicatorAlerts.edges.map((e) => e.node.districtCode)).toEqual([district, district, district]);
    const forged = await as(analyst, `{ indicatorAlerts(after: "bm9wZQ") { totalCount } }`);
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const onKafka = await readTopic(platform.kafka, namespace + indicatorAlertRaised.topic, `${namespace}e2e-alert-reader`, (m) => {
      const e = JSON.parse(String(m.value));
      return e.data.indicatorCode === 'CLUE_ACCEPTANCE_RATE';
    });
    expect(onKafka).toHaveLength(6);
    expect(new Set(onKafka.map((m) => String(m.key))).size).toBe(6);
  });

  it('is the caller’s jurisdiction’s only, and holds no personal data for an ANALYST', async () => {
    expect(await report(stranger, district)).toBeNull();
    expect(await report(partner, district)).toBeNull();
    expect((await report(procurator, district))?.districtCode).toBe(district);
    const seen = await as<{ clue: { reporter: { id: string } | null } | null }>(analyst, `query($id: ID!) { clue(id: $id) { reporter { id } } }`, { id: clueIds[0] });
    expect(seen.data?.clue?.reporter ?? null).toBeNull();
    const r = (await report(analyst, district))!;
    expect(r.csv + r.html).not.toContain(worker.subject);
    expect(r.csv + r.html).not.toContain('刘网格');
  });
});
