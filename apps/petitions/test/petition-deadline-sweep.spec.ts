import { Role } from '@pgov/auth';
import { identityOf, waitFor } from '@pgov/testing';
import { deadlineSweepWorker } from '../src/workers/deadline-sweep.worker';
import { count, day, eventsOf, logger, otherReplicaDb, startPetitionsHarness, type PetitionsHarness } from './support/petitions-harness';

// The deadline sweep: every reply deadline missed is marked and announced as
// petitions.petition.deadline-missed exactly once, however often and however many replicas sweep.
const clerk = identityOf(Role.CLERK, '610113');
const cityAdmin = identityOf(Role.CITY_ADMIN, '610100');
const missed = (key: string) => count(`SELECT count(*) FROM outbox_event WHERE key = $1 AND type = 'petitions.petition.deadline-missed'`, [key]);

let h: PetitionsHarness;

beforeAll(async () => {
  h = await startPetitionsHarness();
});

afterAll(async () => {
  await h?.stop();
});

describe('the deadline sweep', () => {
  const ids: Record<string, string> = {};

  it('announces a letter not answered by day 8 once, sweeping twice and concurrently; the one answered on day 6 not at all', async () => {
    h.setNow(day(1));
    ids.answered = (await h.receiveOk(clerk)).id;
    ids.unanswered = (await h.receiveOk(clerk)).id;
    h.setNow(day(6));
    expect((await h.reply(ids.answered, 'PROCEDURAL', clerk)).errors).toBeUndefined();

    // Due at day 7, 01:00 UTC: nothing is missed up to that instant.
    expect(await h.sweep({ at: day(7) })).toBe(0);
    h.setNow(day(8));
    expect(await h.sweep()).toBe(1);
    const replica = otherReplicaDb();
    try {
      const again = await Promise.all([h.sweep(), h.sweep({ db: replica }), h.sweep({ db: replica, at: day(9) })]);
      expect(again).toEqual([0, 0, 0]);
    } finally {
      await replica.$disconnect();
    }
    expect(await missed(ids.unanswered)).toBe(1);
    expect(await missed(ids.answered)).toBe(0);
    const [event] = (await eventsOf(ids.unanswered)).filter((e) => e.type === 'petitions.petition.deadline-missed');
    expect(event!.envelope).toMatchObject({
      subject: ids.unanswered,
      district: '610113',
      data: { petitionId: ids.unanswered, districtCode: '610113', kind: 'PROCEDURAL', dueAt: day(7).toISOString(), detectedAt: day(8).toISOString() },
    });
    expect(await count(`SELECT count(*) FROM petition WHERE id = $1 AND procedural_overdue_at = $2`, [ids.unanswered, day(8)])).toBe(1);
    const seen = (await h.petition(ids.unanswered, clerk))!;
    expect(seen).toMatchObject({ overdue: true, nextDueAt: day(7).toISOString(), status: 'RECEIVED' });
    expect((await h.petition(ids.answered, clerk))!.overdue).toBe(false);
  });

  it('lets a late reply through, as late, without a second announcement', async () => {
    const p = (await h.reply(ids.unanswered!, 'PROCEDURAL', clerk)).data!.result;
    expect(p).toMatchObject({ status: 'ACKNOWLEDGED', overdue: false });
    expect(p.replies[0]!.onTime).toBe(false);
    expect(await h.sweep({ at: day(10) })).toBe(0);
    expect(await missed(ids.unanswered!)).toBe(1);
  });

  it('announces the 3-month deadline once when no progress or result reply came, and not for a referred petition', async () => {
    h.setNow(day(2));
    const referred = (await h.receiveOk(clerk)).id;
    await h.reply(referred, 'PROCEDURAL', clerk);
    await h.mutateOk('referPetition', { petitionId: referred, clueCategory: 'PUBLIC_INTEREST_ECOLOGY', title: '工厂噪声扰民', description: '来信反映工厂夜间噪声' }, clerk);
    const afterThreeMonths = new Date('2027-02-21T00:00:00Z');
    expect(await h.sweep({ at: afterThreeMonths })).toBe(2);
    for (const id of [ids.answered!, ids.unanswered!]) {
      const events = (await eventsOf(id)).filter((e) => e.type === 'petitions.petition.deadline-missed');
      expect(events.at(-1)!.envelope.data).toMatchObject({ kind: 'RESULT', dueAt: '2027-02-20T01:00:00.000Z' });
    }
    expect(await missed(referred)).toBe(0);
    expect(await h.sweep({ at: afterThreeMonths })).toBe(0);
  });

  it('puts each announcement on Kafka once, keyed by the petition', async () => {
    const onKafka = (await h.readTopic('petitions.petition.v1')).filter((m) => m.type === 'petitions.petition.deadline-missed');
    expect(onKafka.map((m) => `${m.key}:${String(m.data.kind)}`).sort()).toEqual(
      [`${ids.unanswered}:PROCEDURAL`, `${ids.unanswered}:RESULT`, `${ids.answered}:RESULT`].sort(),
    );
  });
});

describe('concurrent sweeps', () => {
  it('announce each of 80 missed deadlines exactly once with two replicas sweeping twice each at the same time', async () => {
    h.setNow(day(20));
    const created = await Promise.all(Array.from({ length: 80 }, () => h.receiveOk(cityAdmin, { districtCode: '610113', receivedAt: day(20).toISOString() })));
    const replica = otherReplicaDb();
    try {
      const at = day(28);
      const runs = await Promise.all([
        h.sweep({ at, batchSize: 7 }),
        h.sweep({ at, batchSize: 5, db: replica }),
        h.sweep({ at, batchSize: 11 }),
        h.sweep({ at, batchSize: 3, db: replica }),
      ]);
      expect(runs.filter((n) => n > 0).length).toBeGreaterThan(1);
      // A petition some other transaction held at that moment (SKIP LOCKED) is the next run's.
      const next = await h.sweep({ at });
      expect({ runs, next, total: runs.reduce((a, b) => a + b, next) }).toMatchObject({ total: 80 });
    } finally {
      await replica.$disconnect();
    }
    const once = await count(
      `SELECT count(*) FROM (SELECT key FROM outbox_event WHERE type = 'petitions.petition.deadline-missed' AND key = ANY($1) GROUP BY key HAVING count(*) = 1) k`,
      [created.map((p) => p.id)],
    );
    expect(once).toBe(80);
  });

  it('and replies racing the sweep: each letter is either answered in time for it (no announcement) or announced once', async () => {
    h.setNow(day(30));
    const created = await Promise.all(Array.from({ length: 30 }, () => h.receiveOk(clerk, { receivedAt: day(30).toISOString() })));
    h.setNow(day(38));
    const [, ...replies] = await Promise.all([h.sweep({ batchSize: 3 }), ...created.map((p) => h.reply(p.id, 'PROCEDURAL', clerk))]);
    expect(replies.flatMap((r) => r.errors ?? [])).toEqual([]);
    for (const { id } of created) {
      const announced = await missed(id);
      expect(announced).toBeLessThanOrEqual(1);
      const markedOverdue = await count(`SELECT count(*) FROM petition WHERE id = $1 AND procedural_overdue_at IS NOT NULL`, [id]);
      expect(markedOverdue).toBe(announced);
    }
  });
});

describe('the worker', () => {
  it('sweeps on its timer with the service clock, and stop() ends it', async () => {
    h.setNow(day(50));
    const { id } = await h.receiveOk(clerk, { receivedAt: day(50).toISOString() });
    h.setNow(day(58));
    const worker = deadlineSweepWorker({ ...h.service.deps, config: { ...h.config, OVERDUE_SWEEP_MS: 100 } }, logger);
    await worker.start();
    try {
      await waitFor(async () => (await missed(id)) === 1, { what: 'the worker to sweep' });
    } finally {
      await worker.stop();
    }
    const { id: later } = await h.receiveOk(clerk, { receivedAt: day(58).toISOString() });
    h.setNow(day(70));
    await new Promise((r) => setTimeout(r, 400));
    expect(await missed(later)).toBe(0);
    expect((await h.petition(later, clerk))!.overdue).toBe(true);
  });
});
