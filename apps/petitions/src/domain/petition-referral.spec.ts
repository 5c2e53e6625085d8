import { decideReferral, personalDataInText, referInput } from './petition-referral';
import { clerk, otherDistrictLeader, petition } from './petition-fixtures';

const input = (overrides: Record<string, unknown> = {}) =>
  referInput.parse({ petitionId: petition().id, clueCategory: 'PUBLIC_INTEREST_ECOLOGY', title: '河道排污', description: '来信反映某工厂夜间向河道排放污水', ...overrides });

describe('referring a petition as a clue', () => {
  it('refers an open petition; its 3-month deadline is then the clue’s business', () => {
    expect(decideReferral(clerk, petition(), input())).toEqual({ from: 'RECEIVED', to: 'REFERRED', nextDueAt: petition().proceduralReplyDueAt });
    expect(decideReferral(clerk, petition({ status: 'IN_PROGRESS', proceduralRepliedAt: new Date() }), input()).nextDueAt).toBeNull();
  });

  it('refuses a concluded, closed or referred one with CONFLICT naming the status', () => {
    for (const status of ['CONCLUDED', 'CLOSED', 'REFERRED'] as const) {
      expect(() => decideReferral(clerk, petition({ status }), input())).toThrow(expect.objectContaining({ code: 'CONFLICT', details: { from: status, action: 'REFER' } }));
    }
    expect(() => decideReferral(otherDistrictLeader, petition(), input())).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it("keeps the petitioner's name and any ID or phone number out of the clue, naming the field", () => {
    expect(() => decideReferral(clerk, petition(), input({ title: '张三丰反映河道排污' }))).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field: 'input.title', reason: "must not contain the petitioner's name" } }),
    );
    expect(personalDataInText('联系电话13912345678', '张三丰')).toBe('must not contain a phone number');
    expect(personalDataInText('身份证61011319850505123X', '张三丰')).toBe('must not contain a resident ID number');
    expect(personalDataInText('2026年排污量增加1391234567890吨', '张三丰')).toBeNull();
    // A one-character name is not searched for: it would match ordinary words.
    expect(personalDataInText('张家堡河道', '张')).toBeNull();
  });

  it('validates the clue category, title and description as the clue contract does', () => {
    const bad = referInput.safeParse({ petitionId: 'x', clueCategory: 'GOSSIP', title: '河', description: '' });
    expect(bad.error?.issues.map((i) => i.path[0])).toEqual(['clueCategory', 'title', 'description']);
    expect(bad.error?.issues[0]?.message).toMatch(/must be one of PUBLIC_INTEREST_ECOLOGY/);
  });
});
