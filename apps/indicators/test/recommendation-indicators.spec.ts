import { randomUUID } from 'node:crypto';
import {
  recommendationChecked,
  recommendationEscalated,
  recommendationIssued,
  recommendationOverdue,
  recommendationReplied,
  type ReplyAdoption,
} from '@pgov/contracts';
import { indicatorEvents, message, type IndicatorEvents } from './support/indicator-events';

// The four recommendation indicators kept from clues.recommendation.v1 on the real database:
// values equal recounts from the facts whatever the order, duplication or concurrency of the events.
const RECOMMENDATION_INDICATORS = ['RECOMMENDATIONS_ISSUED', 'RECOMMENDATION_REPLY_ON_TIME_RATE', 'RECOMMENDATION_ADOPTION_RATE', 'RECTIFICATION_RATE'] as const;
let h: IndicatorEvents;

beforeAll(() => {
  h = indicatorEvents();
});
beforeEach(() => h.reset());
afterAll(() => h?.stop());

/** One recommendation's events, as the clues service announces them. */
function recommendation(districtCode = '610113', replyDueOn = '2026-11-30', id = randomUUID()) {
  const facts = {
    recommendationId: id,
    documentNumber: `雁检建〔2026〕${id.slice(0, 4)}号`,
    districtCode,
    kind: 'PUBLIC_INTEREST_PRE_LITIGATION' as const,
    agencyName: '区生态环境局',
    replyDueOn,
  };
  const opts = { subject: id };
  return {
    id,
    issued: (issuedAt = '2026-09-30T02:00:00.000Z') =>
      message(recommendationIssued, { ...facts, seriesTag: null, agencyKind: '行政机关', issuedAt }, opts),
    overdue: (overdueAt: string) => message(recommendationOverdue, { ...facts, overdueAt }, opts),
    replied: (repliedAt: string, adoption: ReplyAdoption, onTime: boolean) => message(recommendationReplied, { ...facts, adoption, onTime, repliedAt }, opts),
    checked: (checkedAt: string, rectified: boolean) => message(recommendationChecked, { ...facts, rectified, checkedAt }, opts),
    escalated: (escalatedAt: string) => message(recommendationEscalated, { ...facts, escalatedAt }, opts),
  };
}

const snapshot = async () =>
  (await h.db.indicatorValue.findMany({ orderBy: [{ indicatorCode: 'asc' }, { districtCode: 'asc' }, { periodKind: 'asc' }, { period: 'asc' }] })).map((v) => [
    v.indicatorCode,
    v.districtCode,
    v.periodKind,
    v.period,
    v.numerator,
    v.denominator,
    v.value,
  ]);

describe('recommendation indicators', () => {
  it('counts issued recommendations per district and for the city by the issue instant in China time', async () => {
    await h.deliver([
      recommendation('610113').issued('2026-11-10T02:00:00.000Z'),
      recommendation('610102').issued('2026-11-10T02:00:00.000Z'),
      // 31 Oct 17:00 UTC is 1 Nov in China; 31 Dec 16:00 UTC is 1 Jan 2027.
      recommendation('610113').issued('2026-10-31T17:00:00.000Z'),
      recommendation('610113').issued('2026-12-31T16:00:00.000Z'),
    ]);
    expect(await h.value('RECOMMENDATIONS_ISSUED', '610113', 'MONTH', '2026-11')).toEqual({ numerator: 2, denominator: 0, value: 2 });
    expect((await h.value('RECOMMENDATIONS_ISSUED', '610100', 'MONTH', '2026-11'))?.value).toBe(3);
    expect((await h.value('RECOMMENDATIONS_ISSUED', '610100', 'QUARTER', '2026-Q4'))?.value).toBe(3);
    expect((await h.value('RECOMMENDATIONS_ISSUED', '610113', 'MONTH', '2027-01'))?.value).toBe(1);
    expect((await h.value('RECOMMENDATIONS_ISSUED', '610113', 'QUARTER', '2027-Q1'))?.value).toBe(1);
    expect((await h.value('RECOMMENDATIONS_ISSUED', '610100', 'YEAR', '2027'))?.value).toBe(1);
    expect(await h.value('RECOMMENDATIONS_ISSUED', '610113', 'MONTH', '2026-10')).toBeUndefined();
    await h.expectRecountEqual(RECOMMENDATION_INDICATORS);
  });

  it('keeps the on-time reply rate by the reply (or, unreplied, the overdue announcement), and the adoption rate by the reply', async () => {
    const onTime = recommendation('610113', '2026-11-30');
    const lateAfterOverdue = recommendation('610113', '2026-11-30');
    const overdueOnly = recommendation('610113', '2026-11-15');
    const notYetDue = recommendation('610113', '2026-11-20');
    // Due 1 Dec; replied at 30 Nov 17:00 UTC, which is 1 Dec in China: on time, and a December reply.
    const lastDay = recommendation('610113', '2026-12-01');
    await h.deliver([
      ...[onTime, lateAfterOverdue, overdueOnly, notYetDue, lastDay].map((r) => r.issued()),
      onTime.replied('2026-11-20T02:00:00.000Z', 'ADOPTED', true),
      // Announced overdue at 30 Nov 16:05 UTC, which is 1 Dec 00:05 in China: a December announcement.
      lateAfterOverdue.overdue('2026-11-30T16:05:00.000Z'),
      overdueOnly.overdue('2026-11-15T16:05:00.000Z'),
      lastDay.replied('2026-11-30T17:00:00.000Z', 'PARTLY_ADOPTED', true),
    ]);
    // November: on time 1, overdue unreplied 0; December: overdue unreplied 0 (in China time), on time 1.
    expect(await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610113', 'MONTH', '2026-11')).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610113', 'MONTH', '2026-12')).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    await h.expectRecountEqual(RECOMMENDATION_INDICATORS);

    // The late reply replaces the overdue announcement's 0/1 (counted once), in the month of the reply.
    await h.deliver(lateAfterOverdue.replied('2026-12-05T02:00:00.000Z', 'NOT_ADOPTED', false));
    expect(await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610113', 'MONTH', '2026-11')).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610113', 'MONTH', '2026-12')).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610100', 'QUARTER', '2026-Q4')).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
    expect(await h.value('RECOMMENDATION_ADOPTION_RATE', '610113', 'MONTH', '2026-11')).toEqual({ numerator: 1, denominator: 1, value: 1 });
    expect(await h.value('RECOMMENDATION_ADOPTION_RATE', '610113', 'MONTH', '2026-12')).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(await h.value('RECOMMENDATION_ADOPTION_RATE', '610100', 'YEAR', '2026')).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });

    // What the report's overdue list reads.
    const row = await h.db.recommendationFact.findUniqueOrThrow({ where: { recommendationId: lateAfterOverdue.id } });
    expect(row).toMatchObject({
      documentNumber: `雁检建〔2026〕${lateAfterOverdue.id.slice(0, 4)}号`,
      agencyName: '区生态环境局',
      replyDueOn: new Date('2026-11-30T00:00:00.000Z'),
      overdueAt: new Date('2026-11-30T16:05:00.000Z'),
      repliedAt: new Date('2026-12-05T02:00:00.000Z'),
      repliedOnTime: false,
      adoption: 'NOT_ADOPTED',
    });
    await h.expectRecountEqual(RECOMMENDATION_INDICATORS);
  });

  it('moves an overdue recommendation from the month of the announcement to the month of a late reply, still 0/1', async () => {
    const r = recommendation('610113', '2026-11-15');
    await h.deliver([r.issued(), r.overdue('2026-11-15T16:05:00.000Z')]);
    expect(await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610113', 'MONTH', '2026-11')).toEqual({ numerator: 0, denominator: 1, value: 0 });
    // 31 Dec 16:30 UTC is 1 Jan 2027 in China: a 2027 reply.
    await h.deliver(r.replied('2026-12-31T16:30:00.000Z', 'ADOPTED', false));
    expect((await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610113', 'MONTH', '2026-11'))?.denominator ?? 0).toBe(0);
    expect((await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610100', 'YEAR', '2026'))?.denominator ?? 0).toBe(0);
    expect(await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610113', 'MONTH', '2026-12')).toBeUndefined();
    expect(await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610113', 'MONTH', '2027-01')).toEqual({ numerator: 0, denominator: 1, value: 0 });
    expect(await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610100', 'YEAR', '2027')).toEqual({ numerator: 0, denominator: 1, value: 0 });
    await h.expectRecountEqual(RECOMMENDATION_INDICATORS);
  });

  it('moves an overdue recommendation from 0/1 to 1/1 when a reply on time arrives after a premature announcement', async () => {
    const r = recommendation('610113', '2026-11-30');
    // Announced at 30 Nov 16:05 UTC (1 Dec in China); the reply came at 30 Nov 15:00 UTC (30 Nov 23:00 in China).
    await h.deliver([r.issued(), r.overdue('2026-11-30T16:05:00.000Z')]);
    expect(await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610113', 'MONTH', '2026-12')).toEqual({ numerator: 0, denominator: 1, value: 0 });
    expect(await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610113', 'MONTH', '2026-11')).toBeUndefined();
    await h.deliver(r.replied('2026-11-30T15:00:00.000Z', 'ADOPTED', true));
    expect(await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610113', 'MONTH', '2026-11')).toEqual({ numerator: 1, denominator: 1, value: 1 });
    expect((await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610113', 'MONTH', '2026-12'))?.denominator ?? 0).toBe(0);
    expect(await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610100', 'QUARTER', '2026-Q4')).toEqual({ numerator: 1, denominator: 1, value: 1 });
    await h.expectRecountEqual(RECOMMENDATION_INDICATORS);
  });

  it('keeps the rectification rate by the first follow-up check, whatever order checks arrive in', async () => {
    const [a, b, c] = [recommendation(), recommendation(), recommendation()];
    await h.deliver([
      ...[a, b, c].map((r) => r.issued()),
      ...[a, b, c].map((r) => r.replied('2026-11-20T02:00:00.000Z', 'ADOPTED', true)),
      a.checked('2026-12-10T02:00:00.000Z', true),
      b.checked('2026-12-11T02:00:00.000Z', false),
      b.escalated('2026-12-20T02:00:00.000Z'),
      // c: a later check arrives first, then the earlier one, which stands.
      c.checked('2027-01-05T02:00:00.000Z', false),
      c.checked('2026-12-31T15:59:00.000Z', true),
      // a second check of a (another event id) changes nothing.
      a.checked('2026-12-28T02:00:00.000Z', false),
    ]);
    expect(await h.value('RECTIFICATION_RATE', '610113', 'MONTH', '2026-12')).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });
    expect((await h.value('RECTIFICATION_RATE', '610113', 'MONTH', '2027-01'))?.denominator ?? 0).toBe(0);
    expect(await h.value('RECTIFICATION_RATE', '610100', 'YEAR', '2026')).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });
    expect((await h.db.recommendationFact.findUniqueOrThrow({ where: { recommendationId: b.id } })).escalatedAt).toEqual(new Date('2026-12-20T02:00:00.000Z'));
    await h.expectRecountEqual(RECOMMENDATION_INDICATORS);
  });

  it('applies a duplicated event once, and a replay by a new consumer on empty tables gives the same values', async () => {
    const events = Array.from({ length: 12 }, (_, i) => {
      const r = recommendation(i % 2 ? '610113' : '610112', i % 3 ? '2026-11-30' : '2026-12-15');
      const out = [r.issued(`2026-10-${String(10 + i).padStart(2, '0')}T02:00:00.000Z`)];
      if (i % 4 === 0) out.push(r.overdue('2026-12-01T16:05:00.000Z'));
      if (i % 4 !== 1) out.push(r.replied('2026-11-25T02:00:00.000Z', i % 3 ? 'ADOPTED' : 'NOT_ADOPTED', i % 4 !== 0));
      if (i % 4 === 2) out.push(r.checked('2026-12-20T02:00:00.000Z', i % 8 === 2));
      return out;
    }).flat();
    await h.deliver(events);
    const first = await snapshot();
    expect(first.length).toBeGreaterThan(0);
    expect((await h.deliver(events)).every((o) => o.status === 'duplicate')).toBe(true);
    expect(await snapshot()).toEqual(first);
    await h.expectRecountEqual(RECOMMENDATION_INDICATORS);
    await h.reset();
    await h.deliver(events, { consumer: 'indicators-replay', alerts: false });
    expect(await snapshot()).toEqual(first);
    expect((await h.value('RECOMMENDATIONS_ISSUED', '610100', 'MONTH', '2026-10'))?.value).toBe(12);
  });

  it('stays exact under concurrent consumers, even with one recommendation’s events racing each other', async () => {
    const districts = ['610102', '610103', '610104', '610111', '610112', '610113'];
    const recs = Array.from({ length: 60 }, (_, i) => recommendation(districts[i % districts.length]));
    // Each recommendation's issue, overdue announcement and late reply all at once: the fact's lock
    // orders them, and the result does not depend on the order.
    await Promise.all(
      recs.flatMap((r, i) => [
        h.deliver(r.issued('2026-09-30T02:00:00.000Z')),
        h.deliver(r.overdue('2026-11-30T16:05:00.000Z')),
        ...(i % 2 ? [h.deliver(r.replied('2026-12-03T02:00:00.000Z', 'PARTLY_ADOPTED', false))] : []),
      ]),
    );
    await Promise.all(recs.filter((_, i) => i % 2).map((r, i) => h.deliver(r.checked('2026-12-20T02:00:00.000Z', i % 3 === 0))));
    expect((await h.value('RECOMMENDATIONS_ISSUED', '610100', 'MONTH', '2026-09'))?.value).toBe(60);
    // Announced overdue at 1 Dec 00:05 in China, replied late (or not) in December: 0/1 each, once.
    expect(await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610100', 'MONTH', '2026-12')).toEqual({ numerator: 0, denominator: 60, value: 0 });
    expect(await h.value('RECOMMENDATION_REPLY_ON_TIME_RATE', '610100', 'MONTH', '2026-11')).toBeUndefined();
    expect(await h.value('RECOMMENDATION_ADOPTION_RATE', '610100', 'MONTH', '2026-12')).toEqual({ numerator: 30, denominator: 30, value: 1 });
    expect(await h.value('RECTIFICATION_RATE', '610100', 'MONTH', '2026-12')).toEqual({ numerator: 10, denominator: 30, value: 1 / 3 });
    for (const d of districts) expect((await h.value('RECOMMENDATIONS_ISSUED', d, 'MONTH', '2026-09'))?.value).toBe(10);
    await h.expectRecountEqual(RECOMMENDATION_INDICATORS);
  });

  describe('alerts', () => {
    const CODE = 'RECOMMENDATION_ADOPTION_RATE';
    let target: number | null;
    beforeAll(async () => {
      target = (await h.db.indicator.findUniqueOrThrow({ where: { code: CODE } })).target;
      await h.db.$executeRaw`UPDATE indicator SET target = 0.5 WHERE code = ${CODE}`;
    });
    afterAll(async () => {
      await h.db.$executeRaw`UPDATE indicator SET target = ${target} WHERE code = ${CODE}`;
    });

    // Adoption in 610113, November: 1/1, 1/2 (on the target), 1/3 (below: raised), 3/5 (above again), 3/7 (below again).
    const replies = () =>
      (['ADOPTED', 'NOT_ADOPTED', 'NOT_ADOPTED', 'ADOPTED', 'ADOPTED', 'NOT_ADOPTED', 'NOT_ADOPTED'] as const).map((adoption, i) =>
        recommendation('610113').replied(`2026-11-${String(10 + i).padStart(2, '0')}T02:00:00.000Z`, adoption, true),
      );
    const alerts = () => h.db.$queryRaw<{ district_code: string; period_kind: string; period: string }[]>`
      SELECT district_code, period_kind::text, period FROM indicator_alert WHERE indicator_code = ${CODE} ORDER BY 1, 2, 3`;
    const raised = () => h.db.$queryRaw<{ subject: string; value: number }[]>`
      SELECT envelope->>'subject' AS subject, (envelope->'data'->>'value')::float8 AS value
      FROM outbox_event WHERE type = 'indicators.alert.raised' AND envelope->'data'->>'indicatorCode' = ${CODE} ORDER BY 1`;

    it('raises one alert per indicator, jurisdiction and period when the value crosses below its target, however often it crosses back', async () => {
      const messages = replies();
      for (const [i, m] of messages.entries()) {
        await h.deliver(m);
        if (i === 1) expect(await alerts()).toEqual([]);
      }
      expect(await h.value(CODE, '610113', 'MONTH', '2026-11')).toEqual({ numerator: 3, denominator: 7, value: 3 / 7 });
      expect(await alerts()).toEqual(
        ['610100', '610113'].flatMap((d) => [
          { district_code: d, period_kind: 'MONTH', period: '2026-11' },
          { district_code: d, period_kind: 'QUARTER', period: '2026-Q4' },
          { district_code: d, period_kind: 'YEAR', period: '2026' },
        ]),
      );
      const events = await raised();
      expect(events.filter((e) => e.subject === `${CODE}:610113:2026-11`)).toEqual([{ subject: `${CODE}:610113:2026-11`, value: 1 / 3 }]);
      expect(events).toHaveLength(6);
      // Delivered again (a redelivery): still one.
      await h.deliver(messages);
      expect(await alerts()).toHaveLength(6);
      expect(await raised()).toHaveLength(6);
    });

    it('raises none in a replay (alerts off)', async () => {
      await h.deliver(replies(), { consumer: 'indicators-replay', alerts: false });
      expect((await h.value(CODE, '610113', 'MONTH', '2026-11'))?.value).toBe(3 / 7);
      expect(await alerts()).toEqual([]);
      expect(await raised()).toEqual([]);
    });
  });
});
