import { Role, type Identity } from '@pgov/auth';
import { Forbidden, InvalidInput } from '@pgov/errors';
import { clueNumber, decideNewClue, submitClueInput } from './submit-clue';

const worker: Identity = { subject: '5f0c7f1e-2f57-4c4a-9a39-3f1e0d9b8a11', name: '王网格', roles: [Role.GRID_WORKER], district: '610113' };
const procurator: Identity = { subject: 'p-1', name: '李检', roles: [Role.PROCURATOR], district: '610113' };
const cityAdmin: Identity = { subject: 'a-1', name: '管理员', roles: [Role.CITY_ADMIN], district: '610100' };
const analyst: Identity = { subject: 'n-1', name: '分析', roles: [Role.ANALYST], district: '610100' };

const base = { title: ' 河道排污 ', description: '夜间排放', category: 'PUBLIC_INTEREST_ECOLOGY' as const, gridCode: '610113-001-01' };

describe('decideNewClue', () => {
  it('makes a grid worker the reporter of a grid report in their district', () => {
    const clue = decideNewClue(worker, submitClueInput.parse(base));
    expect(clue).toMatchObject({ source: 'GRID_REPORT', districtCode: '610113', reporterMemberId: worker.subject, title: '河道排污' });
  });

  it('refuses a grid worker reporting for another district or another source', () => {
    expect(() => decideNewClue(worker, submitClueInput.parse({ ...base, districtCode: '610102' }))).toThrow(/outside your jurisdiction/);
    expect(() => decideNewClue(worker, submitClueInput.parse({ ...base, source: 'HOTLINE_12309' }))).toThrow(InvalidInput);
  });

  it('requires a grid of the same district for grid reports', () => {
    expect(() => decideNewClue(worker, submitClueInput.parse({ ...base, gridCode: null }))).toThrow(/gridCode: is required/);
    expect(() => decideNewClue(worker, submitClueInput.parse({ ...base, gridCode: '610102-001-01' }))).toThrow(/not a grid of district 610113/);
  });

  it('lets staff register other sources with no informant; city staff for any district', () => {
    const clue = decideNewClue(procurator, submitClueInput.parse({ ...base, gridCode: null, source: 'HOTLINE_12309' }));
    expect(clue).toMatchObject({ source: 'HOTLINE_12309', reporterMemberId: null, submittedBy: 'p-1' });
    expect(decideNewClue(cityAdmin, submitClueInput.parse({ ...base, gridCode: null, source: 'PETITION', districtCode: '610124' })).districtCode).toBe('610124');
    expect(() => decideNewClue(cityAdmin, submitClueInput.parse({ ...base, districtCode: '610100' }))).toThrow(/one of the 13 districts/);
  });

  it('refuses callers who do not submit clues', () => {
    expect(() => decideNewClue(analyst, submitClueInput.parse(base))).toThrow(Forbidden);
  });

  it('validates the input shape with field paths', () => {
    const result = submitClueInput.safeParse({ ...base, title: 'x', category: 'NOPE' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['category', 'title']);
  });
});

describe('clueNumber', () => {
  it('pads the sequence', () => {
    expect(clueNumber('610113', 2026, 12)).toBe('610113-2026-000012');
  });
});
