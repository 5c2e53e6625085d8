import { Writable } from 'node:stream';
import { Role } from '@pgov/auth';
import { identityOf, waitFor } from '@pgov/testing';
import pino from 'pino';
import { runOverdueSweep } from '../src/services/recommendation-overdue-sweep';
import { recommendationOverdueWorker } from '../src/workers/recommendation-overdue.worker';
import {
  count,
  eventsOf,
  ISSUE_TIME,
  logger,
  otherReplicaDb,
  readRecommendationTopic,
  startRecommendationHarness,
  type RecommendationHarness,
} from './support/recommendation-harness';

// The overdue sweep: every ISSUED recommendation past its due date (China) becomes OVERDUE with a
// history row and exactly one clues.recommendation.overdue, however often and however many
// replicas sweep at once.
const procurator = identityOf(Role.PROCURATOR, '610113');
const cityAdmin = identityOf(Role.CITY_ADMIN, '610100');

// Issued on 2026-11-26 (China): due 2027-01-26, overdue from 00:00 on the 27th in Beijing.
const LAST_SECOND_OF_DUE_DATE = new Date('2027-01-26T15:59:59.999Z');
const FIRST_OVERDUE_INSTANT = new Date('2027-01-26T16:00:00.000Z');

let h: RecommendationHarness;

beforeAll(async () => {
  h = await startRecommendationHarness();
});

afterEach(() => h.setNow(ISSUE_TIME));

afterAll(async () => {
  await h?.stop();
});

const overdueEvents = () => count(`SELECT count(*) FROM outbox_event WHERE type = 'clues.recommendation.overdue'`);

/** A logger whose JSON lines the test reads. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

describe('the overdue sweep', () => {
  const ids: Record<string, string> = {};

  it('marks nothing on the due date itself, up to its last millisecond in China', async () => {
    ids.a = (await h.issueOk(procurator)).id;
    ids.b = (await h.issueOk(procurator)).id;
    ids.other = (await h.issueOk(cityAdmin, { districtCode: '610102', agencyName: '新城区住建局' })).id;
    ids.replied = (await h.issueOk(procurator)).id;
    await h.mutateOk('recordRecommendationReply', { recommendationId: ids.replied, adoption: 'ADOPTED', text: '已整改' }, procurator);
    h.setNow('2026-11-27T02:00:00Z');
    ids.dueLater = (await h.issueOk(procurator)).id;

    expect(await h.sweep({ at: LAST_SECOND_OF_DUE_DATE })).toBe(0);
    expect(await overdueEvents()).toBe(0);
  });

  it('marks every unanswered one past due, of every district, with its history row and one event, and logs the count', async () => {
    const { lines, logger: captured } = capturingLogger();
    expect(await runOverdueSweep({ db: h.service.db, clock: () => FIRST_OVERDUE_INSTANT, logger: captured })).toBe(3);
    expect(lines).toContainEqual(expect.objectContaining({ marked: 3, today: '2027-01-27', msg: 'recommendations marked overdue and announced' }));

    h.setNow(FIRST_OVERDUE_INSTANT);
    for (const id of [ids.a!, ids.b!, ids.other!]) {
      const rec = (await h.recommendation(id, cityAdmin))!;
      expect(rec).toMatchObject({ status: 'OVERDUE', overdue: true, overdueAt: FIRST_OVERDUE_INSTANT.toISOString(), repliedOnTime: null });
      expect(rec.history.at(-1)).toEqual({ from: 'ISSUED', to: 'OVERDUE', by: 'sweep', note: null, at: FIRST_OVERDUE_INSTANT.toISOString() });
      const events = await eventsOf(id);
      expect(events.map((e) => e.type)).toEqual(['clues.recommendation.issued', 'clues.recommendation.overdue']);
      expect(events[1]!.envelope).toMatchObject({ subject: id, data: { recommendationId: id, replyDueOn: '2027-01-26', overdueAt: FIRST_OVERDUE_INSTANT.toISOString() } });
    }
    expect((await eventsOf(ids.other!))[1]!.envelope.district).toBe('610102');
    expect((await h.recommendation(ids.replied!, procurator))!.status).toBe('REPLIED');
    expect((await h.recommendation(ids.dueLater!, procurator))!).toMatchObject({ status: 'ISSUED', overdue: false, replyDueOn: '2027-01-27' });
  });

  it('announces nothing twice when it runs again', async () => {
    expect(await h.sweep({ at: FIRST_OVERDUE_INSTANT })).toBe(0);
    expect(await h.sweep({ at: new Date(FIRST_OVERDUE_INSTANT.getTime() + 3_600_000) })).toBe(0);
    expect(await overdueEvents()).toBe(3);
    expect(await count(`SELECT count(*) FROM recommendation_transition WHERE "to" = 'OVERDUE'`)).toBe(3);
  });

  it('takes the next one on the next day', async () => {
    expect(await h.sweep({ at: new Date(FIRST_OVERDUE_INSTANT.getTime() + 86_400_000) })).toBe(1);
    expect((await h.recommendation(ids.dueLater!, procurator))!.status).toBe('OVERDUE');
    expect(await overdueEvents()).toBe(4);
  });

  it('puts each announcement on Kafka once, keyed by the recommendation', async () => {
    const onKafka = (await readRecommendationTopic(h.namespace)).filter((m) => m.type === 'clues.recommendation.overdue');
    expect(onKafka.map((m) => m.key).sort()).toEqual([ids.a!, ids.b!, ids.other!, ids.dueLater!].sort());
    expect(onKafka.every((m) => m.data.recommendationId === m.key)).toBe(true);
  });
});

describe('concurrent sweeps', () => {
  it('announce each of 120 recommendations exactly once with two replicas sweeping twice each at the same time', async () => {
    h.setNow('2026-12-01T02:00:00Z');
    const issued = await Promise.all(Array.from({ length: 120 }, (_, i) => h.issueOk(procurator, { title: `并发逾期 ${i}` })));
    const before = await overdueEvents();
    const replica = otherReplicaDb();
    try {
      const at = new Date('2027-02-02T00:00:00Z');
      const runs = await Promise.all([
        runOverdueSweep({ db: h.service.db, clock: () => at, logger }, { batchSize: 7 }),
        runOverdueSweep({ db: replica, clock: () => at, logger }, { batchSize: 7 }),
        runOverdueSweep({ db: h.service.db, clock: () => at, logger }, { batchSize: 11 }),
        runOverdueSweep({ db: replica, clock: () => at, logger }, { batchSize: 5 }),
      ]);
      // They really overlapped: more than one of them found work.
      expect(runs.filter((n) => n > 0).length).toBeGreaterThan(1);
      // A row some other transaction held at that moment (SKIP LOCKED) is the next run's: what the
      // four left, one more sweep takes, and between them every row was marked exactly once.
      const next = await runOverdueSweep({ db: h.service.db, clock: () => at, logger });
      expect({ runs, next, total: runs.reduce((a, b) => a + b, next) }).toMatchObject({ total: 120 });
    } finally {
      await replica.$disconnect();
    }
    expect(await overdueEvents()).toBe(before + 120);
    const perRecommendation = await count(
      `SELECT count(*) FROM (SELECT key FROM outbox_event WHERE type = 'clues.recommendation.overdue' AND key = ANY($1) GROUP BY key HAVING count(*) = 1) once`,
      [issued.map((r) => r.id)],
    );
    expect(perRecommendation).toBe(120);
    expect(await count(`SELECT count(*) FROM recommendation WHERE id = ANY($1) AND status = 'OVERDUE'`, [issued.map((r) => r.id)])).toBe(120);
    expect(await count(`SELECT count(*) FROM recommendation_transition WHERE recommendation_id = ANY($1) AND "to" = 'OVERDUE'`, [issued.map((r) => r.id)])).toBe(120);
  });

  it('and a reply racing the sweep: either replied before it (no announcement) or after (one), never both', async () => {
    h.setNow('2026-12-02T02:00:00Z');
    const issued = await Promise.all(Array.from({ length: 30 }, (_, i) => h.issueOk(procurator, { title: `竞争 ${i}` })));
    h.setNow('2027-02-03T02:00:00Z');
    const [, ...replies] = await Promise.all([
      runOverdueSweep({ db: h.service.db, clock: h.clock, logger }, { batchSize: 3 }),
      ...issued.map((r) => h.mutate('recordRecommendationReply', { recommendationId: r.id, adoption: 'ADOPTED', text: '已整改' }, procurator)),
    ]);
    expect(replies.flatMap((r) => r.errors ?? [])).toEqual([]);
    for (const { id } of issued) {
      const rec = (await h.recommendation(id, procurator))!;
      expect(rec).toMatchObject({ status: 'REPLIED', repliedOnTime: false });
      const wentOverdue = rec.history.some((t) => t.to === 'OVERDUE');
      expect((await eventsOf(id)).filter((e) => e.type === 'clues.recommendation.overdue')).toHaveLength(wentOverdue ? 1 : 0);
    }
  });
});

describe('the worker', () => {
  it('sweeps on its timer with the service clock, and stop() ends it', async () => {
    h.setNow('2026-12-03T02:00:00Z');
    const { id } = await h.issueOk(procurator);
    h.setNow('2027-02-04T02:00:00Z');
    const worker = recommendationOverdueWorker({ ...h.service.deps, config: { ...h.config, OVERDUE_SWEEP_MS: 100 } }, logger);
    await worker.start();
    try {
      await waitFor(async () => (await h.recommendation(id, procurator))!.status === 'OVERDUE', { what: 'the worker to sweep' });
    } finally {
      await worker.stop();
    }
    const { id: later } = await h.issueOk(procurator, { title: '停止之后' });
    h.setNow('2027-06-01T02:00:00Z');
    // Several intervals: a stopped worker sweeps no more.
    await new Promise((r) => setTimeout(r, 400));
    expect((await h.recommendation(later, procurator))!).toMatchObject({ status: 'ISSUED', overdue: true });
  });
});
