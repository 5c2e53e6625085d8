import { Role } from '@pgov/auth';
import { identityOf, withPg } from '@pgov/testing';
import {
  count,
  DB,
  eventsOf,
  readRecommendationTopic,
  seedClue,
  startRecommendationHarness,
  type RecommendationHarness,
} from './support/recommendation-harness';

// Issuing a recommendation: its document number (per district and year, under concurrency too),
// its due date, clue links, history and clues.recommendation.issued, all in one transaction.
const procurator = identityOf(Role.PROCURATOR, '610113');
const cityAdmin = identityOf(Role.CITY_ADMIN, '610100');

let h: RecommendationHarness;

beforeAll(async () => {
  h = await startRecommendationHarness();
});

afterAll(async () => {
  await h?.stop();
});

const written = async () => [await count(`SELECT count(*) FROM recommendation`), await count(`SELECT count(*) FROM recommendation_clue`), await count(`SELECT count(*) FROM outbox_event`)];

describe('issueRecommendation', () => {
  it('numbers it 雁检建〔2026〕1号, derives the due date, and announces it through the outbox and Kafka', async () => {
    const clueId = await seedClue('610113');
    const rec = await h.issueOk(procurator, { seriesTag: 3, clueIds: [clueId] });
    expect(rec).toMatchObject({
      documentNumber: '雁检建〔2026〕1号',
      districtCode: '610113',
      status: 'ISSUED',
      seriesTag: 3,
      issuedAt: '2026-11-26T02:00:00.000Z',
      replyDueOn: '2027-01-26',
      overdue: false,
      repliedOnTime: null,
      history: [{ from: null, to: 'ISSUED', by: procurator.subject, note: null, at: '2026-11-26T02:00:00.000Z' }],
    });
    expect(await count(`SELECT count(*) FROM recommendation_clue WHERE recommendation_id = $1 AND clue_id = $2`, [rec.id, clueId])).toBe(1);

    const events = await eventsOf(rec.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual({
      type: 'clues.recommendation.issued',
      envelope: expect.objectContaining({
        subject: rec.id,
        district: '610113',
        data: {
          recommendationId: rec.id,
          documentNumber: '雁检建〔2026〕1号',
          districtCode: '610113',
          kind: 'PUBLIC_INTEREST_PRE_LITIGATION',
          agencyName: '雁塔区生态环境局',
          agencyKind: '行政机关',
          seriesTag: 3,
          replyDueOn: '2027-01-26',
          issuedAt: '2026-11-26T02:00:00.000Z',
        },
      }),
    });
    // Partner-readable: neither the clue behind it nor who issued it.
    expect(JSON.stringify(events[0])).not.toContain(clueId);
    expect(JSON.stringify(events[0])).not.toContain(procurator.subject);

    const onKafka = await readRecommendationTopic(h.namespace);
    expect(onKafka.filter((m) => m.key === rec.id)).toEqual([expect.objectContaining({ type: 'clues.recommendation.issued', data: expect.objectContaining({ documentNumber: '雁检建〔2026〕1号' }) })]);
  });

  it('gives 50 concurrent issues of one district 50 distinct numbers, 1 to 50, each with its event', async () => {
    const zhouzhi = identityOf(Role.PROCURATOR, '610124');
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => h.issue(zhouzhi, { title: `并发检察建议 ${i}`, agencyName: '周至县自然资源局' })));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const numbers = results.map((r) => r.data!.result.documentNumber);
    expect(new Set(numbers).size).toBe(50);
    const seqs = numbers.map((n) => Number(/^周检建〔2026〕(\d+)号$/.exec(n)![1])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await count(`SELECT count(*) FROM outbox_event WHERE type = 'clues.recommendation.issued'`)).toBe(51);
  });

  it('numbers each district on its own, and the city as 西检建', async () => {
    expect((await h.issueOk(cityAdmin, { districtCode: '610102', agencyName: '新城区市场监管局' })).documentNumber).toBe('新检建〔2026〕1号');
    const city = await h.issueOk(cityAdmin, { agencyName: '西安市生态环境局' });
    expect(city).toMatchObject({ documentNumber: '西检建〔2026〕1号', districtCode: '610100' });
    expect((await eventsOf(city.id))[0]!.envelope.district).toBe('610100');
    expect((await h.issueOk(identityOf(Role.LEADER, '610113'))).documentNumber).toBe('雁检建〔2026〕2号');
  });

  it('restarts numbering in the new year as China counts it, and clamps the due date to the month end', async () => {
    // 00:30 on 1 Jan 2027 in Beijing is still 2026 in UTC.
    h.setNow('2026-12-31T16:30:00Z');
    try {
      const rec = await h.issueOk(procurator);
      expect(rec).toMatchObject({ documentNumber: '雁检建〔2027〕1号', replyDueOn: '2027-03-01' });
      h.setNow('2026-12-31T10:00:00Z');
      expect(await h.issueOk(procurator)).toMatchObject({ documentNumber: '雁检建〔2026〕3号', replyDueOn: '2027-02-28' });
    } finally {
      h.setNow('2026-11-26T02:00:00Z');
    }
  });

  it('never reuses a number: were the counter set back, the unique constraint refuses it as CONFLICT', async () => {
    await withPg(DB, (c) => c.query(`UPDATE recommendation_number_counter SET last = 0 WHERE district_code = '610113' AND year = 2026`));
    const before = await written();
    const res = await h.issue(procurator);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DOCUMENT_NUMBER_TAKEN' });
    expect(await written()).toEqual(before);
    await withPg(DB, (c) => c.query(`UPDATE recommendation_number_counter SET last = 3 WHERE district_code = '610113' AND year = 2026`));
    expect((await h.issueOk(procurator)).documentNumber).toBe('雁检建〔2026〕4号');
  });

  it('refuses bad input with the field and the reason, and writes nothing', async () => {
    const before = await written();
    for (const [change, field] of [
      [{ title: 'x' }, 'input.title'],
      [{ agencyName: '' }, 'input.agencyName'],
      [{ agencyKind: 'x'.repeat(101) }, 'input.agencyKind'],
      [{ content: '   ' }, 'input.content'],
      [{ seriesTag: 9 }, 'input.seriesTag'],
      [{ districtCode: '610102' }, 'input.districtCode'],
    ] as const) {
      const res = await h.issue(procurator, change);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, reason: expect.any(String) });
    }
    expect(await written()).toEqual(before);
  });

  it('cites only clues of its district that the caller sees: anything else is input.clueIds.<i>', async () => {
    const ours = await seedClue('610113');
    const theirs = await seedClue('610102');
    const before = await written();
    const unknown = await h.issue(procurator, { clueIds: [ours, '00000000-0000-4000-8000-000000000000'] });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.clueIds.1' });
    const notUuid = await h.issue(procurator, { clueIds: ['not-a-uuid'] });
    expect(notUuid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.clueIds.0' });
    // Another district's clue answers exactly as a missing one.
    const elsewhere = await h.issue(procurator, { clueIds: [theirs] });
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.clueIds.0', reason: 'no such clue' });
    const twice = await h.issue(procurator, { clueIds: [ours, ours] });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.clueIds.1' });
    // A city-wide admin sees it, but it is not of the district the recommendation is for.
    const wrongDistrict = await h.issue(cityAdmin, { districtCode: '610113', clueIds: [theirs] });
    expect(wrongDistrict.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.clueIds.0' });
    expect(await written()).toEqual(before);
  });

  it('is forbidden to clerks, grid workers, analysts and a CITY_ADMIN who is not city-wide', async () => {
    const before = await written();
    for (const who of [
      identityOf(Role.CLERK, '610113'),
      identityOf(Role.GRID_WORKER, '610113'),
      identityOf(Role.ANALYST, '610100'),
      identityOf(Role.CITY_ADMIN, '610113'),
    ]) {
      const res = await h.issue(who);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.data).toBeNull();
    }
    const anonymous = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ recommendations { totalCount } }' }) });
    expect(anonymous.status).toBe(401);
    expect(await written()).toEqual(before);
  });
});
