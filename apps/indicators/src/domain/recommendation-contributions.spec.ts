import { isFirst, recommendationContributions, type RecommendationFactState } from './recommendation-contributions';

const issued: RecommendationFactState = {
  recommendationId: '00000000-0000-4000-8000-000000000001',
  districtCode: '610113',
  documentNumber: '雁检建〔2026〕12号',
  agencyName: '区生态环境局',
  replyDueOn: '2026-11-30',
  issuedAt: new Date('2026-09-30T02:00:00Z'),
  overdueAt: null,
  repliedAt: null,
  repliedOnTime: null,
  adoption: null,
  checkedAt: null,
  rectified: null,
  escalatedAt: null,
};

const shown = (f: RecommendationFactState | null) =>
  recommendationContributions(f).map((c) => `${c.indicator} ${c.when instanceof Date ? c.when.toISOString() : c.when} ${c.numerator}/${c.denominator}`);

describe('recommendationContributions', () => {
  it('counts nothing for no fact, and an issued recommendation once, at its issue', () => {
    expect(shown(null)).toEqual([]);
    expect(shown(issued)).toEqual(['RECOMMENDATIONS_ISSUED 2026-09-30T02:00:00.000Z 1/0']);
  });

  it('puts a reply in the on-time rate and in the adoption rate at the reply', () => {
    const replied = { ...issued, repliedAt: new Date('2026-11-20T02:00:00Z'), repliedOnTime: true, adoption: 'PARTLY_ADOPTED' as const };
    expect(shown(replied)).toEqual([
      'RECOMMENDATIONS_ISSUED 2026-09-30T02:00:00.000Z 1/0',
      'RECOMMENDATION_REPLY_ON_TIME_RATE 2026-11-20T02:00:00.000Z 1/1',
      'RECOMMENDATION_ADOPTION_RATE 2026-11-20T02:00:00.000Z 1/1',
    ]);
    expect(shown({ ...replied, adoption: 'NOT_ADOPTED' })).toContain('RECOMMENDATION_ADOPTION_RATE 2026-11-20T02:00:00.000Z 0/1');
    // A late reply without an overdue announcement: 0/1, at the reply.
    const late = { ...replied, repliedAt: new Date('2026-12-05T02:00:00Z'), repliedOnTime: false };
    expect(shown(late).filter((s) => s.startsWith('RECOMMENDATION_REPLY_ON_TIME_RATE'))).toEqual(['RECOMMENDATION_REPLY_ON_TIME_RATE 2026-12-05T02:00:00.000Z 0/1']);
  });

  it('counts an overdue recommendation 0/1 at its announcement, and a late reply after it once, at the reply', () => {
    const overdue = { ...issued, overdueAt: new Date('2026-11-30T16:05:00Z') };
    expect(shown(overdue).filter((s) => s.startsWith('RECOMMENDATION_REPLY_ON_TIME_RATE'))).toEqual(['RECOMMENDATION_REPLY_ON_TIME_RATE 2026-11-30T16:05:00.000Z 0/1']);
    const lateReply = { ...overdue, repliedAt: new Date('2026-12-05T02:00:00Z'), repliedOnTime: false, adoption: 'ADOPTED' as const };
    expect(shown(lateReply).filter((s) => s.startsWith('RECOMMENDATION_REPLY_ON_TIME_RATE'))).toEqual(['RECOMMENDATION_REPLY_ON_TIME_RATE 2026-12-05T02:00:00.000Z 0/1']);
    // A reply by the due date after a premature announcement: 1/1 at the reply, and nothing at the announcement.
    const onTimeReply = { ...overdue, repliedAt: new Date('2026-11-30T15:00:00Z'), repliedOnTime: true, adoption: 'ADOPTED' as const };
    expect(shown(onTimeReply).filter((s) => s.startsWith('RECOMMENDATION_REPLY_ON_TIME_RATE'))).toEqual(['RECOMMENDATION_REPLY_ON_TIME_RATE 2026-11-30T15:00:00.000Z 1/1']);
  });

  it('counts a follow-up check in the rectification rate at the check', () => {
    const checked = { ...issued, checkedAt: new Date('2027-01-10T02:00:00Z'), rectified: false };
    expect(shown(checked)).toContain('RECTIFICATION_RATE 2027-01-10T02:00:00.000Z 0/1');
    expect(shown({ ...checked, rectified: true })).toContain('RECTIFICATION_RATE 2027-01-10T02:00:00.000Z 1/1');
  });

  it('keeps the earliest of two instants', () => {
    const t = new Date('2026-11-20T02:00:00Z');
    expect(isFirst(t, null)).toBe(true);
    expect(isFirst(t, new Date('2026-11-21T02:00:00Z'))).toBe(true);
    expect(isFirst(t, t)).toBe(false);
    expect(isFirst(new Date('2026-11-22T02:00:00Z'), t)).toBe(false);
  });
});
