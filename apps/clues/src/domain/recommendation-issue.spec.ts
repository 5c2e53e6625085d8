import { randomUUID } from 'node:crypto';
import { Role, type Identity } from '@pgov/auth';
import { parseInput } from '@pgov/graphql-kit';
import { ZodError } from 'zod';
import { checkCitedClues, decideIssue, issueRecommendationInput, type IssueRecommendationInput } from './recommendation-issue';

const who = (role: Role, district: string): Identity => ({ subject: randomUUID(), name: '测试', roles: [role], district });
const base = { kind: 'SOCIAL_GOVERNANCE', agencyName: '雁塔区生态环境局', agencyKind: '行政机关', title: '督促整治河道排污', content: '建议依法履行监管职责。' };
const parsed = (input: Record<string, unknown>): IssueRecommendationInput => parseInput(issueRecommendationInput, input);

function badField(fn: () => unknown): { code: string; field: string } | string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ZodError) return { code: 'BAD_USER_INPUT', field: error.issues[0]?.path.join('.') ?? '' };
    const e = error as { code: string; details: { field?: string } };
    return { code: e.code, field: e.details.field ?? '' };
  }
  return 'no error';
}

describe('issueRecommendation input', () => {
  it('trims text and defaults seriesTag and clues', () => {
    const draft = decideIssue(who(Role.PROCURATOR, '610113'), parsed({ ...base, title: '  督促整治  ' }));
    expect(draft).toMatchObject({ districtCode: '610113', title: '督促整治', seriesTag: null, clueIds: [] });
  });

  it.each([
    [{ title: 'x' }, 'input.title'],
    [{ title: 'x'.repeat(201) }, 'input.title'],
    [{ agencyName: '  ' }, 'input.agencyName'],
    [{ agencyName: 'x'.repeat(201) }, 'input.agencyName'],
    [{ agencyKind: '' }, 'input.agencyKind'],
    [{ agencyKind: 'x'.repeat(101) }, 'input.agencyKind'],
    [{ content: '' }, 'input.content'],
    [{ content: 'x'.repeat(20001) }, 'input.content'],
    [{ seriesTag: 0 }, 'input.seriesTag'],
    [{ seriesTag: 9 }, 'input.seriesTag'],
    [{ seriesTag: 2.5 }, 'input.seriesTag'],
    [{ kind: 'ADVICE' }, 'input.kind'],
    [{ districtCode: '61011' }, 'input.districtCode'],
  ])('refuses %j on %s', (change, field) => {
    expect(badField(() => parsed({ ...base, ...change }))).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('takes series tags 1 to 8 and null', () => {
    for (const seriesTag of [1, 8, null]) expect(parsed({ ...base, seriesTag }).seriesTag).toBe(seriesTag);
  });
});

describe('who issues for which jurisdiction', () => {
  it.each([Role.PROCURATOR, Role.LEADER])('%s of the district, for it', (role) => {
    expect(decideIssue(who(role, '610113'), parsed(base)).districtCode).toBe('610113');
  });

  it('a city-wide CITY_ADMIN for a district or for the city itself', () => {
    const admin = who(Role.CITY_ADMIN, '610100');
    expect(decideIssue(admin, parsed({ ...base, districtCode: '610102' })).districtCode).toBe('610102');
    expect(decideIssue(admin, parsed(base)).districtCode).toBe('610100');
  });

  it.each([Role.CLERK, Role.GRID_WORKER, Role.ANALYST, Role.PARTNER, Role.HEARING_OFFICER])('never a %s', (role) => {
    expect(badField(() => decideIssue(who(role, '610113'), parsed(base)))).toEqual({ code: 'FORBIDDEN', field: '' });
  });

  it("not a CITY_ADMIN who is not city-wide", () => {
    expect(badField(() => decideIssue(who(Role.CITY_ADMIN, '610113'), parsed(base)))).toEqual({ code: 'FORBIDDEN', field: '' });
  });

  it('refuses another district, and a code outside the city', () => {
    const procurator = who(Role.PROCURATOR, '610113');
    expect(badField(() => decideIssue(procurator, parsed({ ...base, districtCode: '610102' })))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.districtCode' });
    expect(badField(() => decideIssue(procurator, parsed({ ...base, districtCode: '610100' })))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.districtCode' });
    expect(badField(() => decideIssue(who(Role.CITY_ADMIN, '610100'), parsed({ ...base, districtCode: '110101' })))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.districtCode',
    });
  });

  it('refuses a clue cited twice', () => {
    const id = randomUUID();
    expect(badField(() => decideIssue(who(Role.PROCURATOR, '610113'), parsed({ ...base, clueIds: [randomUUID(), id, id] })))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.clueIds.2',
    });
  });
});

describe('cited clues', () => {
  const procurator = who(Role.PROCURATOR, '610113');
  const clue = (districtCode: string) => ({ id: randomUUID(), districtCode, submittedBy: randomUUID(), reporterMemberId: null });

  it('must exist, be visible and be of the issuing district', () => {
    const ours = clue('610113');
    const theirs = clue('610102');
    const draft = (clueIds: string[]) => decideIssue(procurator, parsed({ ...base, clueIds }));
    expect(() => checkCitedClues(procurator, draft([ours.id]), [ours])).not.toThrow();
    // Another district's clue is as unknown to this procurator as a missing one.
    expect(badField(() => checkCitedClues(procurator, draft([ours.id, theirs.id]), [ours, theirs]))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.clueIds.1' });
    expect(badField(() => checkCitedClues(procurator, draft([randomUUID()]), []))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.clueIds.0' });
  });

  it('a city-wide admin may not cite another district\'s clue for a district, but may for the city', () => {
    const admin = who(Role.CITY_ADMIN, '610100');
    const c = clue('610102');
    const forDistrict = decideIssue(admin, parsed({ ...base, districtCode: '610113', clueIds: [c.id] }));
    expect(badField(() => checkCitedClues(admin, forDistrict, [c]))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.clueIds.0' });
    const forCity = decideIssue(admin, parsed({ ...base, clueIds: [c.id] }));
    expect(() => checkCitedClues(admin, forCity, [c])).not.toThrow();
  });
});
