import { Role } from '@pgov/auth';
import { identityOf } from '@pgov/testing';
import { count, eventsOf, ISSUE_TIME, startRecommendationHarness, type RecommendationHarness } from './support/recommendation-harness';

// The agency's reply, the follow-up check and escalation: each writes the state, its columns, a
// history row and its event in one transaction, on the row's lock; anything else is refused.
const procurator = identityOf(Role.PROCURATOR, '610113');
const leader = identityOf(Role.LEADER, '610113');
const cityAdmin = identityOf(Role.CITY_ADMIN, '610100');
const clerk = identityOf(Role.CLERK, '610113');

let h: RecommendationHarness;

beforeAll(async () => {
  h = await startRecommendationHarness();
});

afterEach(() => h.setNow(ISSUE_TIME));

afterAll(async () => {
  await h?.stop();
});

const reply = (recommendationId: string, adoption = 'ADOPTED') => ({ recommendationId, adoption, text: '已按建议完成整改，排污口已封堵。' });

describe('a reply on time, a check and an escalation', () => {
  let id: string;

  it('records a reply on the due date (China) as on time: REPLIED, its columns, history and clues.recommendation.replied', async () => {
    id = (await h.issueOk(procurator)).id;
    // 23:00 on the due date in Beijing.
    h.setNow('2027-01-26T15:00:00Z');
    const rec = await h.mutateOk('recordRecommendationReply', reply(id, 'PARTLY_ADOPTED'), procurator);
    expect(rec).toMatchObject({
      status: 'REPLIED',
      replyAdoption: 'PARTLY_ADOPTED',
      replyText: '已按建议完成整改，排污口已封堵。',
      repliedAt: '2027-01-26T15:00:00.000Z',
      repliedOnTime: true,
      overdue: false,
    });
    expect(rec.history.at(-1)).toEqual({ from: 'ISSUED', to: 'REPLIED', by: procurator.subject, note: null, at: '2027-01-26T15:00:00.000Z' });
    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual(['clues.recommendation.issued', 'clues.recommendation.replied']);
    expect(events[1]!.envelope).toMatchObject({
      subject: id,
      district: '610113',
      data: { recommendationId: id, documentNumber: '雁检建〔2026〕1号', adoption: 'PARTLY_ADOPTED', onTime: true, repliedAt: '2027-01-26T15:00:00.000Z', replyDueOn: '2027-01-26' },
    });
    expect(JSON.stringify(events[1])).not.toContain(procurator.subject);
  });

  it('records the follow-up check: NOT_RECTIFIED with its note, clues.recommendation.checked', async () => {
    h.setNow('2027-03-01T02:00:00Z');
    const rec = await h.mutateOk('recordFollowUpCheck', { recommendationId: id, rectified: false, note: ' 回头看发现仍有偷排。 ' }, leader);
    expect(rec).toMatchObject({ status: 'NOT_RECTIFIED', checkNote: '回头看发现仍有偷排。', checkedAt: '2027-03-01T02:00:00.000Z', repliedOnTime: true });
    expect(rec.history.at(-1)).toMatchObject({ from: 'REPLIED', to: 'NOT_RECTIFIED', by: leader.subject, note: '回头看发现仍有偷排。' });
    expect((await eventsOf(id)).at(-1)).toMatchObject({ type: 'clues.recommendation.checked', envelope: { data: { rectified: false, checkedAt: '2027-03-01T02:00:00.000Z' } } });
  });

  it('escalates it to public-interest litigation: ESCALATED, clues.recommendation.escalated', async () => {
    h.setNow('2027-03-10T02:00:00Z');
    const rec = await h.mutateOk('escalateRecommendation', { recommendationId: id, note: '依法提起行政公益诉讼。' }, cityAdmin);
    expect(rec).toMatchObject({ status: 'ESCALATED', escalationNote: '依法提起行政公益诉讼。', escalatedAt: '2027-03-10T02:00:00.000Z' });
    expect(rec.history.map((t) => [t.from, t.to, t.by])).toEqual([
      [null, 'ISSUED', procurator.subject],
      ['ISSUED', 'REPLIED', procurator.subject],
      ['REPLIED', 'NOT_RECTIFIED', leader.subject],
      ['NOT_RECTIFIED', 'ESCALATED', cityAdmin.subject],
    ]);
    expect((await eventsOf(id)).map((e) => e.type)).toEqual([
      'clues.recommendation.issued',
      'clues.recommendation.replied',
      'clues.recommendation.checked',
      'clues.recommendation.escalated',
    ]);
  });

  it('refuses anything after escalation as CONFLICT naming the status, and writes nothing', async () => {
    const before = await count(`SELECT count(*) FROM recommendation_transition`);
    for (const [mutation, input] of [
      ['recordRecommendationReply', reply(id)],
      ['recordFollowUpCheck', { recommendationId: id, rectified: true, note: '已整改' }],
      ['escalateRecommendation', { recommendationId: id, note: '再次起诉' }],
    ] as const) {
      const res = await h.mutate(mutation, input, procurator);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', from: 'ESCALATED' });
      expect(res.errors?.[0]?.message).toContain('ESCALATED');
    }
    expect(await count(`SELECT count(*) FROM recommendation_transition`)).toBe(before);
    expect(await eventsOf(id)).toHaveLength(4);
  });
});

describe('a late reply', () => {
  it('is recorded as not on time, before the sweep ran and after it (OVERDUE → REPLIED)', async () => {
    const unswept = (await h.issueOk(procurator)).id;
    const swept = (await h.issueOk(procurator)).id;
    // 00:00 in Beijing the day after the due date: late, whether the sweep has run or not.
    h.setNow('2027-01-26T16:00:00Z');
    expect((await h.recommendation(unswept, procurator))!).toMatchObject({ status: 'ISSUED', overdue: true });
    const beforeSweep = await h.mutateOk('recordRecommendationReply', reply(unswept), leader);
    expect(beforeSweep).toMatchObject({ status: 'REPLIED', repliedOnTime: false, overdue: false, overdueAt: null });
    expect((await eventsOf(unswept)).at(-1)!.envelope.data).toMatchObject({ onTime: false });

    // The sweep takes only the one still unanswered.
    expect(await h.sweep()).toBe(1);
    expect((await h.recommendation(swept, procurator))!.status).toBe('OVERDUE');
    const late = await h.mutateOk('recordRecommendationReply', reply(swept, 'NOT_ADOPTED'), procurator);
    expect(late).toMatchObject({ status: 'REPLIED', repliedOnTime: false, overdue: false, overdueAt: '2027-01-26T16:00:00.000Z' });
    expect(late.history.map((t) => [t.from, t.to, t.by])).toEqual([
      [null, 'ISSUED', procurator.subject],
      ['ISSUED', 'OVERDUE', 'sweep'],
      ['OVERDUE', 'REPLIED', procurator.subject],
    ]);
    expect((await eventsOf(swept)).map((e) => [e.type, e.envelope.data.onTime])).toEqual([
      ['clues.recommendation.issued', undefined],
      ['clues.recommendation.overdue', undefined],
      ['clues.recommendation.replied', false],
    ]);
  });

  it('a check marks a replied one RECTIFIED, which ends it', async () => {
    const id = (await h.issueOk(procurator)).id;
    await h.mutateOk('recordRecommendationReply', reply(id), procurator);
    const rec = await h.mutateOk('recordFollowUpCheck', { recommendationId: id, rectified: true, note: '整改到位' }, procurator);
    expect(rec.status).toBe('RECTIFIED');
    expect((await eventsOf(id)).at(-1)).toMatchObject({ type: 'clues.recommendation.checked', envelope: { data: { rectified: true } } });
    const again = await h.mutate('escalateRecommendation', { recommendationId: id, note: '起诉' }, procurator);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', from: 'RECTIFIED' });
  });
});

describe('illegal transitions and callers', () => {
  it('refuses a check before a reply, an escalation before a check, and a second reply, naming the status', async () => {
    const id = (await h.issueOk(procurator)).id;
    const check = await h.mutate('recordFollowUpCheck', { recommendationId: id, rectified: true, note: '已整改' }, procurator);
    expect(check.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', from: 'ISSUED' });
    const escalate = await h.mutate('escalateRecommendation', { recommendationId: id, note: '起诉' }, procurator);
    expect(escalate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', from: 'ISSUED' });
    await h.mutateOk('recordRecommendationReply', reply(id), procurator);
    const second = await h.mutate('recordRecommendationReply', reply(id), procurator);
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', from: 'REPLIED' });
    const escalateReplied = await h.mutate('escalateRecommendation', { recommendationId: id, note: '起诉' }, procurator);
    expect(escalateReplied.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', from: 'REPLIED' });
  });

  it('lets exactly one of concurrent replies through: one history row, one event', async () => {
    const id = (await h.issueOk(procurator)).id;
    const results = await Promise.all(Array.from({ length: 5 }, () => h.mutate('recordRecommendationReply', reply(id), procurator)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(4);
    expect(await count(`SELECT count(*) FROM recommendation_transition WHERE recommendation_id = $1 AND "to" = 'REPLIED'`, [id])).toBe(1);
    expect((await eventsOf(id)).filter((e) => e.type === 'clues.recommendation.replied')).toHaveLength(1);
  });

  it("answers NOT_FOUND for another district's recommendation and a missing one, FORBIDDEN for a clerk who may read it", async () => {
    const id = (await h.issueOk(procurator)).id;
    const stranger = identityOf(Role.PROCURATOR, '610102');
    const theirs = await h.mutate('recordRecommendationReply', reply(id), stranger);
    expect(theirs.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const missing = await h.mutate('recordRecommendationReply', reply('00000000-0000-4000-8000-000000000000'), procurator);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    // The two answers cannot be told apart but by the id they echo.
    expect(theirs.errors![0]!.message.replace(id, 'ID')).toBe(missing.errors![0]!.message.replace('00000000-0000-4000-8000-000000000000', 'ID'));

    expect((await h.recommendation(id, clerk))!.status).toBe('ISSUED');
    for (const [mutation, input] of [
      ['recordRecommendationReply', reply(id)],
      ['recordFollowUpCheck', { recommendationId: id, rectified: true, note: '已整改' }],
      ['escalateRecommendation', { recommendationId: id, note: '起诉' }],
    ] as const) {
      const res = await h.mutate(mutation, input, clerk);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const gridWorker = await h.mutate('recordRecommendationReply', reply(id), identityOf(Role.GRID_WORKER, '610113'));
    expect(gridWorker.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await h.recommendation(id, procurator))!.history).toHaveLength(1);
  });

  it('refuses bad input with the field and the reason', async () => {
    const id = (await h.issueOk(procurator)).id;
    const blank = await h.mutate('recordRecommendationReply', { recommendationId: id, adoption: 'ADOPTED', text: '  ' }, procurator);
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
    const noNote = await h.mutate('recordFollowUpCheck', { recommendationId: id, rectified: true, note: '' }, procurator);
    expect(noNote.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.note' });
    expect((await h.recommendation(id, procurator))!.status).toBe('ISSUED');
  });
});
