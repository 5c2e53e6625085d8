import { Role } from '@pgov/auth';
import { identityOf, waitFor } from '@pgov/testing';
import { deadlineSweepWorker } from '../src/workers/deadline-sweep.worker';
import { count, day, eventsOf, logger, otherReplicaDb, startPetitionsHarness, type PetitionsHarness } from './support/petitions-harness';

// The deadline sweep: every reply deadline coming due or missed is marked and announced as
// petitions.petition.deadline-approaching / deadline-missed exactly once, however often and however
// many replicas sweep.
const clerk = identityOf(Role.CLERK, '610113');
const cityAdmin = identityOf(Role.CITY_ADMIN, '610100');
const missed = (key: string) => count(`SELECT count(*) FROM outbox_event WHERE key = $1 AND type = 'petitions.petition.deadline-missed'`, [key]);
const APPROACHING = 'petitions.petition.deadline-approaching';
const approaching = (key: string) => count(`SELECT count(*) FROM outbox_event WHERE key = $1 AND type = $2`, [key, APPROACHING]);
const none = { comingDue: 0, missed: 0 };

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

    // Due at day 7, 01:00 UTC: nothing is missed up to that instant (the unanswered one is coming due).
    expect(await h.sweep({ at: day(7) })).toEqual({ comingDue: 1, missed: 0 });
    h.setNow(day(8));
    expect(await h.sweep()).toEqual({ comingDue: 0, missed: 1 });
    const replica = otherReplicaDb();
    try {
      const again = await Promise.all([h.sweep(), h.sweep({ db: replica }), h.sweep({ db: replica, at: day(9) })]);
      expect(again).toEqual([none, none, none]);
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
    expect(await h.sweep({ at: day(10) })).toEqual(none);
    expect(await missed(ids.unanswered!)).toBe(1);
  });

  it('announces the 3-month deadline once when no progress or result reply came, and not for a referred petition', async () => {
    h.setNow(day(2));
    const referred = (await h.receiveOk(clerk)).id;
    await h.reply(referred, 'PROCEDURAL', clerk);
    await h.mutateOk('referPetition', { petitionId: referred, clueCategory: 'PUBLIC_INTEREST_ECOLOGY', title: '工厂噪声扰民', description: '来信反映工厂夜间噪声' }, clerk);
    const afterThreeMonths = new Date('2027-02-21T00:00:00Z');
    expect(await h.sweep({ at: afterThreeMonths })).toEqual({ comingDue: 0, missed: 2 });
    for (const id of [ids.answered!, ids.unanswered!]) {
      const events = (await eventsOf(id)).filter((e) => e.type === 'petitions.petition.deadline-missed');
      expect(events.at(-1)!.envelope.data).toMatchObject({ kind: 'RESULT', dueAt: '2027-02-20T01:00:00.000Z' });
    }
    expect(await missed(referred)).toBe(0);
    expect(await h.sweep({ at: afterThreeMonths })).toEqual(none);
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
      const runs = (
        await Promise.all([
          h.sweep({ at, batchSize: 7 }),
          h.sweep({ at, batchSize: 5, db: replica }),
          h.sweep({ at, batchSize: 11 }),
          h.sweep({ at, batchSize: 3, db: replica }),
        ])
      ).map((r) => r.missed);
      expect(runs.filter((n) => n > 0).length).toBeGreaterThan(1);
      // A petition some other transaction held at that moment (SKIP LOCKED) is the next run's.
      const next = (await h.sweep({ at })).missed;
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

describe('deadlines coming due', () => {
  const mine: Record<string, string> = {};
  const HOUR = 3_600_000;
  const at = (base: Date, hours: number) => new Date(base.getTime() + hours * HOUR);

  beforeAll(async () => {
    // Everything the earlier tests left due is announced first: from here on each sweep's outcome is this block's own.
    h.setNow(day(200));
    await h.sweep();
  });

  it('announces a procedural deadline coming due once, 2 days before it, sweeping twice and on another replica; not the letter answered before, nor a deadline already passed', async () => {
    mine.waiting = (await h.receiveOk(clerk, { receivedAt: day(200).toISOString() })).id;
    mine.answered = (await h.receiveOk(clerk, { receivedAt: day(200).toISOString() })).id;
    mine.passed = (await h.receiveOk(clerk, { receivedAt: day(190).toISOString() })).id;
    h.setNow(day(203));
    expect((await h.reply(mine.answered, 'PROCEDURAL', clerk)).errors).toBeUndefined();

    // Due at day 207: the window opens at day 205, not an hour earlier. The letter of day 190 is missed, never coming due.
    expect(await h.sweep({ at: at(day(205), -1) })).toEqual({ comingDue: 0, missed: 1 });
    expect(await h.sweep({ at: day(205) })).toEqual({ comingDue: 1, missed: 0 });
    const replica = otherReplicaDb();
    try {
      const again = await Promise.all([h.sweep({ at: day(205) }), h.sweep({ db: replica, at: day(206) }), h.sweep({ db: replica, at: day(207) })]);
      expect(again).toEqual([none, none, none]);
    } finally {
      await replica.$disconnect();
    }
    expect([await approaching(mine.waiting), await approaching(mine.answered), await approaching(mine.passed)]).toEqual([1, 0, 0]);
    const [event] = (await eventsOf(mine.waiting)).filter((e) => e.type === APPROACHING);
    expect(event!.envelope).toMatchObject({ subject: mine.waiting, district: '610113', time: day(205).toISOString() });
    // Ids, district, kind and instants: nothing of the petitioner.
    expect(event!.envelope.data).toEqual({ petitionId: mine.waiting, districtCode: '610113', kind: 'PROCEDURAL', dueAt: day(207).toISOString(), detectedAt: day(205).toISOString() });
    expect(await count(`SELECT count(*) FROM petition WHERE id = $1 AND procedural_due_soon_at = $2`, [mine.waiting, day(205)])).toBe(1);

    // Then missed, once, like any other deadline.
    expect(await h.sweep({ at: day(208) })).toEqual({ comingDue: 0, missed: 1 });
    expect([await approaching(mine.waiting), await missed(mine.waiting)]).toEqual([1, 1]);
  });

  it('announces the 3-month deadline 15 days before it while no progress or result reply is in, and nothing once one is', async () => {
    // Past the 3-month deadlines of the letters above (their windows would overlap this one's).
    h.setNow(day(400));
    await h.sweep();
    mine.acknowledged = (await h.receiveOk(clerk, { receivedAt: day(400).toISOString() })).id;
    mine.progressed = (await h.receiveOk(clerk, { receivedAt: day(400).toISOString() })).id;
    h.setNow(day(401));
    for (const id of [mine.acknowledged, mine.progressed]) expect((await h.reply(id, 'PROCEDURAL', clerk)).errors).toBeUndefined();
    await h.mutateOk('startPetitionHandling', { petitionId: mine.progressed }, clerk);
    h.setNow(day(430));
    expect((await h.reply(mine.progressed, 'PROGRESS', clerk)).errors).toBeUndefined();

    const resultReplyDueAt = String((await h.petition(mine.acknowledged, clerk))!.resultReplyDueAt);
    const opens = at(new Date(resultReplyDueAt), -15 * 24);
    expect(await h.sweep({ at: new Date(opens.getTime() - 1) })).toEqual(none);
    expect(await h.sweep({ at: opens })).toEqual({ comingDue: 1, missed: 0 });
    expect(await h.sweep({ at: at(opens, 24) })).toEqual(none);
    expect([await approaching(mine.acknowledged), await approaching(mine.progressed)]).toEqual([1, 0]);
    const [event] = (await eventsOf(mine.acknowledged)).filter((e) => e.type === APPROACHING);
    expect(event!.envelope.data).toMatchObject({ kind: 'RESULT', dueAt: resultReplyDueAt, detectedAt: opens.toISOString() });
  });

  it('announces each of 40 deadlines coming due exactly once with two replicas sweeping at the same time', async () => {
    h.setNow(day(600));
    await h.sweep();
    const created = await Promise.all(Array.from({ length: 40 }, () => h.receiveOk(clerk, { receivedAt: day(600).toISOString() })));
    const replica = otherReplicaDb();
    try {
      const at = day(606);
      const runs = await Promise.all([h.sweep({ at, batchSize: 7 }), h.sweep({ at, batchSize: 5, db: replica }), h.sweep({ at, batchSize: 3, db: replica })]);
      const next = await h.sweep({ at });
      expect([...runs, next].reduce((sum, r) => sum + r.comingDue, 0)).toBe(40);
    } finally {
      await replica.$disconnect();
    }
    const once = await count(
      `SELECT count(*) FROM (SELECT key FROM outbox_event WHERE type = $2 AND key = ANY($1) GROUP BY key HAVING count(*) = 1) k`,
      [created.map((p) => p.id), APPROACHING],
    );
    expect(once).toBe(40);
  });

  it('puts each on Kafka once, keyed by the petition', async () => {
    const onKafka = (await h.readTopic('petitions.petition.v1')).filter((m) => m.type === APPROACHING);
    const seen = onKafka.map((m) => `${m.key}:${String(m.data.kind)}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((s) => Object.values(mine).some((id) => s.startsWith(id))).sort()).toEqual([`${mine.acknowledged}:RESULT`, `${mine.waiting}:PROCEDURAL`].sort());
  });
});
