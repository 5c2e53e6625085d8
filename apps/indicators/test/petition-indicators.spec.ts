import { randomUUID } from 'node:crypto';
import {
  hearingCancelled,
  hearingConcluded,
  hearingHeld,
  petitionDeadlineMissed,
  petitionOwnerAssigned,
  petitionReceived,
  petitionReplied,
  type PetitionReceivedData,
} from '@pgov/contracts';
import type { IncomingMessage } from '@pgov/messaging';
import { indicatorEvents, message, type IndicatorEvents } from './support/indicator-events';

// The six petition and hearing indicators kept from petitions.petition.v1 and petitions.hearing.v1
// on the real database: values equal recounts from the facts whatever the order or duplication of
// the events, and a replay on empty tables gives the same values.
const PETITION_INDICATORS = [
  'PROCEDURAL_REPLY_7D_RATE',
  'RESULT_REPLY_3M_RATE',
  'LEADERSHIP_OWNERSHIP_RATE',
  'PUBLIC_HEARINGS_HELD',
  'HEARING_OPINION_ADOPTION_RATE',
  'ADMIN_DISPUTES_RESOLVED_AT_HEARINGS',
] as const;
const D = '610113';
let h: IndicatorEvents;

beforeAll(() => {
  h = indicatorEvents();
});
beforeEach(() => h.reset());
afterAll(() => h?.stop());

const DAY = 86_400_000;
const plus = (iso: string, days: number) => new Date(new Date(iso).getTime() + days * DAY).toISOString();

/** A petition's events, all built from its receipt instant (deadlines 7 and 92 days on). */
function petition(receivedAt: string, data: Partial<PetitionReceivedData> = {}) {
  const petitionId = data.petitionId ?? randomUUID();
  const districtCode = data.districtCode ?? D;
  const category = data.category ?? 'CRIMINAL_APPEAL';
  const firstTime = data.firstTime ?? true;
  const proceduralDue = plus(receivedAt, 7);
  const resultDue = plus(receivedAt, 92);
  const facts = { petitionId, districtCode };
  const send = <T>(m: (subject: string) => T) => m(petitionId);
  return {
    petitionId,
    received: () =>
      send((subject) =>
        message(
          petitionReceived,
          { ...facts, channel: 'LETTER', category, firstTime, receivedAt, proceduralReplyDueAt: proceduralDue, resultReplyDueAt: resultDue, ...data },
          { subject },
        ),
      ),
    replied: (kind: 'PROCEDURAL' | 'PROGRESS' | 'RESULT', afterDays: number) => {
      const dueAt = kind === 'PROCEDURAL' ? proceduralDue : resultDue;
      const repliedAt = plus(receivedAt, afterDays);
      return send((subject) => message(petitionReplied, { ...facts, kind, repliedAt, dueAt, onTime: repliedAt <= dueAt }, { subject }));
    },
    missed: (kind: 'PROCEDURAL' | 'RESULT') => {
      const dueAt = kind === 'PROCEDURAL' ? proceduralDue : resultDue;
      return send((subject) => message(petitionDeadlineMissed, { ...facts, kind, dueAt, detectedAt: plus(dueAt, 0.01) }, { subject }));
    },
    owner: (afterDays: number, reassigned = false) =>
      send((subject) => message(petitionOwnerAssigned, { ...facts, category, firstTime, reassigned, assignedAt: plus(receivedAt, afterDays) }, { subject })),
  };
}

function hearing(districtCode = D) {
  const facts = { hearingId: randomUUID(), petitionId: randomUUID(), districtCode };
  const subject = facts.hearingId;
  return {
    held: (heldAt: string) => message(hearingHeld, { ...facts, heldAt }, { subject }),
    concluded: (concludedAt: string, adopted: boolean, administrativeDisputeResolved: boolean) =>
      message(hearingConcluded, { ...facts, majorityOpinion: 'SUPPORT', adopted, administrativeDisputeResolved, concludedAt }, { subject }),
    cancelled: (cancelledAt: string) => message(hearingCancelled, { ...facts, cancelledAt }, { subject }),
  };
}

const snapshot = async () =>
  (await h.db.indicatorValue.findMany({ orderBy: [{ indicatorCode: 'asc' }, { districtCode: 'asc' }, { periodKind: 'asc' }, { period: 'asc' }] }))
    .filter((v) => v.numerator !== 0 || v.denominator !== 0)
    .map((v) => [v.indicatorCode, v.districtCode, v.periodKind, v.period, v.numerator, v.denominator, v.value]);

describe('petition reply rates', () => {
  it('rate the first reply against its deadline, or a missed deadline, in the month (China time) the petition was received', async () => {
    // 31 Oct 17:00 UTC is 1 Nov in China: every petition below counts for November.
    const nov = '2026-10-31T17:00:00.000Z';
    const onTime = petition(nov);
    const late = petition(nov);
    const missed = petition(nov);
    const missedThenLate = petition(nov);
    const pending = petition(nov);
    const october = petition('2026-10-31T15:59:59.000Z'); // 23:59:59 in China: October
    await h.deliver([
      ...[onTime, late, missed, missedThenLate, pending, october].map((p) => p.received()),
      onTime.replied('PROCEDURAL', 2),
      onTime.replied('PROGRESS', 40), // in December, counted in November all the same
      onTime.replied('RESULT', 120), // late, but the progress reply already answered the 3 months
      late.replied('PROCEDURAL', 9),
      late.replied('RESULT', 100),
      missed.missed('PROCEDURAL'),
      missed.missed('RESULT'),
      missedThenLate.missed('PROCEDURAL'),
      missedThenLate.replied('PROCEDURAL', 10),
      october.replied('PROCEDURAL', 1),
    ]);
    expect(await h.value('PROCEDURAL_REPLY_7D_RATE', D, 'MONTH', '2026-11')).toEqual({ numerator: 1, denominator: 4, value: 0.25 });
    expect(await h.value('PROCEDURAL_REPLY_7D_RATE', D, 'MONTH', '2026-10')).toEqual({ numerator: 1, denominator: 1, value: 1 });
    expect(await h.value('PROCEDURAL_REPLY_7D_RATE', D, 'QUARTER', '2026-Q4')).toEqual({ numerator: 2, denominator: 5, value: 0.4 });
    expect(await h.value('PROCEDURAL_REPLY_7D_RATE', '610100', 'YEAR', '2026')).toEqual({ numerator: 2, denominator: 5, value: 0.4 });
    expect(await h.value('RESULT_REPLY_3M_RATE', D, 'MONTH', '2026-11')).toEqual({ numerator: 1, denominator: 3, value: 1 / 3 });
    expect(await h.value('RESULT_REPLY_3M_RATE', D, 'MONTH', '2026-12')).toBeUndefined();
    expect(await h.value('RESULT_REPLY_3M_RATE', D, 'MONTH', '2027-02')).toBeUndefined();
    await h.expectRecountEqual(PETITION_INDICATORS);
  });

  it('keeps what the overdue list reads: due, replied and missed instants', async () => {
    const p = petition('2026-11-02T02:00:00.000Z');
    await h.deliver([p.received(), p.missed('PROCEDURAL'), p.replied('PROCEDURAL', 10), p.missed('RESULT')]);
    const [row] = await h.db.$queryRaw<Record<string, unknown>[]>`
      SELECT procedural_reply_due_at, procedural_replied_at, procedural_on_time, procedural_missed_at, result_reply_due_at, result_replied_at, result_missed_at
      FROM petition_fact WHERE petition_id = ${p.petitionId}::uuid`;
    expect(row).toEqual({
      procedural_reply_due_at: new Date('2026-11-09T02:00:00.000Z'),
      procedural_replied_at: new Date('2026-11-12T02:00:00.000Z'),
      procedural_on_time: false,
      procedural_missed_at: new Date(plus('2026-11-09T02:00:00.000Z', 0.01)),
      result_reply_due_at: new Date(plus('2026-11-02T02:00:00.000Z', 92)),
      result_replied_at: null,
      result_missed_at: new Date(plus(plus('2026-11-02T02:00:00.000Z', 92), 0.01)),
    });
  });
});

describe('leadership ownership rate', () => {
  it('counts first-time petitions of the three leadership-owned kinds by receipt, owned once an owner was assigned', async () => {
    const owned = petition('2026-11-03T02:00:00.000Z', { category: 'CRIMINAL_APPEAL' });
    const reassigned = petition('2026-11-04T02:00:00.000Z', { category: 'STATE_COMPENSATION' });
    const unowned = petition('2026-11-05T02:00:00.000Z', { category: 'CASE_FILING_SUPERVISION' });
    const repeat = petition('2026-11-06T02:00:00.000Z', { category: 'CRIMINAL_APPEAL', firstTime: false });
    const other = petition('2026-11-07T02:00:00.000Z', { category: 'COMPLAINT' });
    await h.deliver([
      ...[owned, reassigned, unowned, repeat, other].map((p) => p.received()),
      owned.owner(40), // assigned in December: counts for November, the month received
      reassigned.owner(1),
      reassigned.owner(3, true),
      repeat.owner(1),
    ]);
    expect(await h.value('LEADERSHIP_OWNERSHIP_RATE', D, 'MONTH', '2026-11')).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });
    expect(await h.value('LEADERSHIP_OWNERSHIP_RATE', '610100', 'QUARTER', '2026-Q4')).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });
    expect(await h.value('LEADERSHIP_OWNERSHIP_RATE', D, 'MONTH', '2026-12')).toBeUndefined();
    await h.expectRecountEqual(PETITION_INDICATORS);
  });
});

describe('hearing indicators', () => {
  it('count hearings held by the month held, and adoption and resolved disputes by the month concluded (China time)', async () => {
    const [a, b, c, d, cancelled] = [hearing(), hearing(), hearing('610102'), hearing(), hearing()];
    await h.deliver([
      a.held('2026-11-10T02:00:00.000Z'),
      a.concluded('2026-12-01T02:00:00.000Z', true, true),
      b.held('2026-11-20T02:00:00.000Z'),
      b.concluded('2026-12-31T15:59:00.000Z', false, false), // 23:59 on 31 Dec in China
      c.held('2026-12-31T16:00:00.000Z'), // midnight, 1 Jan 2027 in China
      c.concluded('2027-01-05T02:00:00.000Z', true, false),
      d.held('2026-12-02T02:00:00.000Z'), // held, not yet concluded
      cancelled.cancelled('2026-11-11T02:00:00.000Z'),
    ]);
    expect(await h.value('PUBLIC_HEARINGS_HELD', D, 'MONTH', '2026-11')).toEqual({ numerator: 2, denominator: 0, value: 2 });
    expect(await h.value('PUBLIC_HEARINGS_HELD', D, 'MONTH', '2026-12')).toEqual({ numerator: 1, denominator: 0, value: 1 });
    expect((await h.value('PUBLIC_HEARINGS_HELD', '610100', 'YEAR', '2026'))?.value).toBe(3);
    expect((await h.value('PUBLIC_HEARINGS_HELD', '610102', 'YEAR', '2027'))?.value).toBe(1);
    expect(await h.value('HEARING_OPINION_ADOPTION_RATE', D, 'MONTH', '2026-12')).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(await h.value('HEARING_OPINION_ADOPTION_RATE', D, 'MONTH', '2026-11')).toBeUndefined();
    expect(await h.value('HEARING_OPINION_ADOPTION_RATE', '610100', 'MONTH', '2027-01')).toEqual({ numerator: 1, denominator: 1, value: 1 });
    expect(await h.value('ADMIN_DISPUTES_RESOLVED_AT_HEARINGS', D, 'QUARTER', '2026-Q4')).toEqual({ numerator: 1, denominator: 0, value: 1 });
    expect(await h.value('ADMIN_DISPUTES_RESOLVED_AT_HEARINGS', '610100', 'YEAR', '2027')).toBeUndefined();
    await h.expectRecountEqual(PETITION_INDICATORS);
  });
});

describe('order, duplication and replay', () => {
  /** One petition's and one hearing's events whose result depends on each being folded in right. */
  function story(): IncomingMessage[] {
    const p = petition('2026-11-30T16:30:00.000Z'); // 1 Dec in China
    const q = petition('2026-11-03T02:00:00.000Z', { category: 'STATE_COMPENSATION' });
    const hh = hearing();
    return [
      p.received(),
      p.missed('PROCEDURAL'),
      p.replied('PROCEDURAL', 9),
      p.owner(2),
      p.owner(5, true),
      p.replied('PROGRESS', 30),
      p.replied('RESULT', 100),
      q.received(),
      q.replied('PROCEDURAL', 3),
      q.missed('RESULT'),
      hh.held('2026-11-10T02:00:00.000Z'),
      hh.concluded('2026-12-01T02:00:00.000Z', true, true),
    ];
  }

  it('gives the same values whatever order the events of a petition or hearing arrive in', async () => {
    const events = story();
    await h.deliver(events);
    const expected = await snapshot();
    expect(expected.length).toBeGreaterThan(0);
    await h.expectRecountEqual(PETITION_INDICATORS);
    const orders = [
      [...events].reverse(),
      ...[1, 3, 5, 7, 11].map((k) => [...events.slice(k), ...events.slice(0, k)]),
      events.filter((_, i) => i % 2).concat(events.filter((_, i) => !(i % 2)).reverse()),
    ];
    for (const order of orders) {
      await h.reset();
      await h.deliver(order);
      expect(await snapshot()).toEqual(expected);
      await h.expectRecountEqual(PETITION_INDICATORS);
    }
  });

  it('applies a duplicated event once, and a replay by a new consumer on empty tables gives the same values', async () => {
    const events = [...story(), ...story(), ...story()];
    await h.deliver(events);
    const first = await snapshot();
    expect((await h.deliver(events)).every((o) => o.status === 'duplicate')).toBe(true);
    expect(await snapshot()).toEqual(first);
    expect(await h.value('PROCEDURAL_REPLY_7D_RATE', D, 'MONTH', '2026-12')).toEqual({ numerator: 0, denominator: 3, value: 0 });
    expect(await h.value('PROCEDURAL_REPLY_7D_RATE', D, 'MONTH', '2026-11')).toEqual({ numerator: 3, denominator: 3, value: 1 });
    expect(await h.value('RESULT_REPLY_3M_RATE', '610100', 'QUARTER', '2026-Q4')).toEqual({ numerator: 3, denominator: 6, value: 0.5 });
    expect(await h.value('LEADERSHIP_OWNERSHIP_RATE', D, 'MONTH', '2026-12')).toEqual({ numerator: 3, denominator: 3, value: 1 });
    expect(await h.value('LEADERSHIP_OWNERSHIP_RATE', D, 'MONTH', '2026-11')).toEqual({ numerator: 0, denominator: 3, value: 0 });
    await h.reset();
    await h.deliver(events, { consumer: 'indicators-replay', alerts: false });
    expect(await snapshot()).toEqual(first);
    await h.expectRecountEqual(PETITION_INDICATORS);
  });
});
