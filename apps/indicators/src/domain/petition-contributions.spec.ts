import { petitionContributions, withDeadlineMissed, withOwner, withReply, type PetitionFactState } from './petition-contributions';

const RECEIVED = new Date('2026-11-02T02:00:00Z');
const PROCEDURAL_DUE = new Date('2026-11-09T02:00:00Z');
const RESULT_DUE = new Date('2027-02-02T02:00:00Z');
const at = (iso: string) => new Date(iso);

const empty = (): PetitionFactState => ({
  petitionId: 'p',
  districtCode: '610113',
  category: null,
  firstTime: null,
  receivedAt: null,
  proceduralReplyDueAt: null,
  resultReplyDueAt: null,
  proceduralRepliedAt: null,
  proceduralOnTime: null,
  proceduralMissedAt: null,
  resultRepliedAt: null,
  resultOnTime: null,
  resultMissedAt: null,
  ownerAssignedAt: null,
});
const received = (f: Partial<PetitionFactState> = {}): PetitionFactState => ({
  ...empty(),
  category: 'CRIMINAL_APPEAL',
  firstTime: true,
  receivedAt: RECEIVED,
  proceduralReplyDueAt: PROCEDURAL_DUE,
  resultReplyDueAt: RESULT_DUE,
  ...f,
});
const rate = (f: PetitionFactState, indicator: string) => {
  const c = petitionContributions(f).filter((x) => x.indicator === indicator);
  return c.length === 0 ? null : c.map((x) => `${x.numerator}/${x.denominator}`).join(' ');
};

describe('petitionContributions', () => {
  it('counts nothing before the receipt is known, and everything in the month of receipt', () => {
    expect(petitionContributions(null)).toEqual([]);
    expect(petitionContributions({ ...empty(), proceduralRepliedAt: RECEIVED, proceduralOnTime: true, ownerAssignedAt: RECEIVED })).toEqual([]);
    const f = withReply(received({ ownerAssignedAt: at('2026-12-20T02:00:00Z') }), { kind: 'RESULT', repliedAt: at('2027-01-10T00:00:00Z'), dueAt: RESULT_DUE, onTime: true });
    expect(petitionContributions(f).every((c) => c.when === RECEIVED && c.districtCode === '610113')).toBe(true);
  });

  it('rates the procedural reply: on time 1/1, late 0/1, missed 0/1, a late reply after a miss still one 0/1, neither nothing', () => {
    expect(rate(received(), 'PROCEDURAL_REPLY_7D_RATE')).toBeNull();
    const reply = (onTime: boolean) => ({ kind: 'PROCEDURAL' as const, repliedAt: at('2026-11-05T00:00:00Z'), dueAt: PROCEDURAL_DUE, onTime });
    expect(rate(withReply(received(), reply(true)), 'PROCEDURAL_REPLY_7D_RATE')).toBe('1/1');
    expect(rate(withReply(received(), reply(false)), 'PROCEDURAL_REPLY_7D_RATE')).toBe('0/1');
    const missed = withDeadlineMissed(received(), { kind: 'PROCEDURAL', dueAt: PROCEDURAL_DUE, detectedAt: at('2026-11-09T03:00:00Z') });
    expect(rate(missed, 'PROCEDURAL_REPLY_7D_RATE')).toBe('0/1');
    expect(rate(withReply(missed, reply(false)), 'PROCEDURAL_REPLY_7D_RATE')).toBe('0/1');
    // A missed procedural deadline says nothing of the 3-month one.
    expect(rate(missed, 'RESULT_REPLY_3M_RATE')).toBeNull();
  });

  it('rates the 3-month reply by the first progress or result reply', () => {
    const progress = withReply(received(), { kind: 'PROGRESS', repliedAt: at('2026-12-01T00:00:00Z'), dueAt: RESULT_DUE, onTime: true });
    expect(rate(progress, 'RESULT_REPLY_3M_RATE')).toBe('1/1');
    // A later (late) result reply does not replace the first one.
    const result = withReply(progress, { kind: 'RESULT', repliedAt: at('2027-03-01T00:00:00Z'), dueAt: RESULT_DUE, onTime: false });
    expect(result.resultRepliedAt).toEqual(at('2026-12-01T00:00:00Z'));
    expect(rate(result, 'RESULT_REPLY_3M_RATE')).toBe('1/1');
    expect(rate(withDeadlineMissed(received(), { kind: 'RESULT', dueAt: RESULT_DUE, detectedAt: at('2027-02-02T03:00:00Z') }), 'RESULT_REPLY_3M_RATE')).toBe('0/1');
    // A procedural reply answers only the 7-day deadline.
    expect(rate(withReply(received(), { kind: 'PROCEDURAL', repliedAt: RECEIVED, dueAt: PROCEDURAL_DUE, onTime: true }), 'RESULT_REPLY_3M_RATE')).toBeNull();
  });

  it('counts first-time petitions of the three leadership-owned kinds, owned or not', () => {
    expect(rate(received(), 'LEADERSHIP_OWNERSHIP_RATE')).toBe('0/1');
    expect(rate(withOwner(received(), { category: 'CRIMINAL_APPEAL', firstTime: true, assignedAt: RECEIVED }), 'LEADERSHIP_OWNERSHIP_RATE')).toBe('1/1');
    expect(rate(received({ category: 'STATE_COMPENSATION' }), 'LEADERSHIP_OWNERSHIP_RATE')).toBe('0/1');
    expect(rate(received({ category: 'CASE_FILING_SUPERVISION' }), 'LEADERSHIP_OWNERSHIP_RATE')).toBe('0/1');
    expect(rate(received({ firstTime: false }), 'LEADERSHIP_OWNERSHIP_RATE')).toBeNull();
    expect(rate(received({ category: 'COMPLAINT' }), 'LEADERSHIP_OWNERSHIP_RATE')).toBeNull();
  });
});

describe('folding events into a petition', () => {
  it('keeps the earliest reply, miss and assignment whatever the order they come in', () => {
    const early = { kind: 'PROCEDURAL' as const, repliedAt: at('2026-11-03T00:00:00Z'), dueAt: PROCEDURAL_DUE, onTime: true };
    const late = { kind: 'PROCEDURAL' as const, repliedAt: at('2026-11-20T00:00:00Z'), dueAt: PROCEDURAL_DUE, onTime: false };
    expect(withReply(withReply(received(), late), early)).toEqual(withReply(withReply(received(), early), late));
    expect(withReply(withReply(received(), late), early)).toMatchObject({ proceduralRepliedAt: early.repliedAt, proceduralOnTime: true });
    const o1 = { category: 'CRIMINAL_APPEAL', firstTime: true, assignedAt: at('2026-11-04T00:00:00Z') };
    const o2 = { ...o1, assignedAt: at('2026-11-06T00:00:00Z') };
    expect(withOwner(withOwner(received(), o2), o1).ownerAssignedAt).toEqual(o1.assignedAt);
    expect(withOwner(withOwner(received(), o1), o2).ownerAssignedAt).toEqual(o1.assignedAt);
  });

  it('fills due dates and the category from later events until the receipt comes', () => {
    const f = withOwner(withDeadlineMissed(empty(), { kind: 'RESULT', dueAt: RESULT_DUE, detectedAt: RESULT_DUE }), { category: 'STATE_COMPENSATION', firstTime: true, assignedAt: RECEIVED });
    expect(f).toMatchObject({ resultReplyDueAt: RESULT_DUE, resultMissedAt: RESULT_DUE, category: 'STATE_COMPENSATION', firstTime: true, proceduralReplyDueAt: null });
    expect(withOwner(received({ category: 'COMPLAINT' }), { category: 'CRIMINAL_APPEAL', firstTime: true, assignedAt: RECEIVED }).category).toBe('COMPLAINT');
  });
});
