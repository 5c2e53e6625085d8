import { Role } from '@pgov/auth';
import { createLogger } from '@pgov/logger';
import { createTestKeys, graphql, identityOf, serviceTestEnv, testNamespace, type TestKeys } from '@pgov/testing';
import { readConfig } from '../src/config';
import { createIndicatorsService } from '../src/service';
import { eventStories, interleave } from './support/event-stories';
import { indicatorEvents, type IndicatorEvents } from './support/indicator-events';

// The report through the indicators subgraph: a fixed number of SQL statements however many
// indicators, districts and nested catalogue entries it shows (no N+1), and who may read it.
let h: IndicatorEvents;
let keys: TestKeys;
let service: ReturnType<typeof createIndicatorsService>;
let url: string;
let statements: string[] = [];

beforeAll(async () => {
  h = indicatorEvents();
  await h.reset();
  await h.deliver(interleave(eventStories(21, { clues: 80, recommendations: 20, petitions: 30, hearings: 10, grids: 20, members: 30 }), 2));
  keys = await createTestKeys();
  const config = readConfig(serviceTestEnv('indicators', { keys, namespace: testNamespace(), extra: { OUTBOX_POLL_MS: '50' } }));
  service = createIndicatorsService(config, createLogger('indicators-test', 'silent'), () => new Date('2027-01-10T02:00:00Z'), (sql) => statements.push(sql));
  url = await service.start();
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await h?.stop();
});

const REPORT = `query($d: ID!) { indicatorReport(districtCode: $d, periodKind: QUARTER, period: "2026-Q3") {
  lines { indicator { code name unit direction target scope description } value rank districtValues { districtCode value } }
  overdue { kind reference } csv html } }`;

it('answers a district report with every indicator and its catalogue entry in a bounded number of statements', async () => {
  statements = [];
  const res = await graphql<{ indicatorReport: { lines: { indicator: { code: string } }[] } }>(url, REPORT, { d: '610113' }, await keys.token(identityOf(Role.ANALYST, '610100')));
  expect(res.errors).toBeUndefined();
  expect(res.data!.indicatorReport.lines).toHaveLength(17);
  // The outbox relay's polls (its advisory lock, its claim) run beside the request: not the report's.
  const reads = statements.filter((s) => /^\s*SELECT/i.test(s) && !/processed_event|outbox_event|advisory/.test(s));
  // catalogue, values of two periods, the state indicator carried forward twice, overdue items, the entries for `indicator`.
  expect(reads.length).toBeLessThanOrEqual(7);
});

it('is null for another district and for a partner, and refuses a malformed period by field', async () => {
  const other = await graphql<{ indicatorReport: unknown }>(url, REPORT, { d: '610113' }, await keys.token(identityOf(Role.PROCURATOR, '610102')));
  expect(other.data?.indicatorReport).toBeNull();
  const partner = await graphql<{ indicatorReport: unknown }>(url, REPORT, { d: '610113' }, await keys.token(identityOf(Role.PARTNER, '610100')));
  expect(partner.data?.indicatorReport).toBeNull();
  const bad = await graphql(url, `{ indicatorReport(districtCode: "610113", periodKind: QUARTER, period: "2026-13") { period } }`, {}, await keys.token(identityOf(Role.ANALYST, '610100')));
  expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
  const unknown = await graphql<{ indicatorReport: unknown }>(url, `{ indicatorReport(districtCode: "999999", periodKind: QUARTER, period: "2026-Q3") { period } }`, {}, await keys.token(identityOf(Role.ANALYST, '610100')));
  expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
});
