import { Role, type Identity } from '@pgov/auth';
import { Forbidden, InvalidInput } from '@pgov/errors';
import { clueNumber, decideNewClue, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, submitClueInput } from './submit-clue';

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

describe('attachments', () => {
  const file = { name: ' 现场照片.jpg ', sha256: 'AB'.repeat(32), size: 1024, mediaType: 'Image/JPEG' };
  const issue = (attachments: unknown) => {
    const result = submitClueInput.safeParse({ ...base, attachments });
    return result.success ? null : { field: result.error.issues[0]!.path.join('.'), reason: result.error.issues[0]!.message };
  };

  it('are optional, and normalised: trimmed name, lower-case hash and media type', () => {
    expect(submitClueInput.parse(base).attachments).toEqual([]);
    expect(submitClueInput.parse({ ...base, attachments: null }).attachments).toEqual([]);
    const [a] = submitClueInput.parse({ ...base, attachments: [file] }).attachments;
    expect(a).toEqual({ name: '现场照片.jpg', sha256: 'ab'.repeat(32), size: 1024, mediaType: 'image/jpeg' });
  });

  it('go with the new clue', () => {
    const clue = decideNewClue(worker, submitClueInput.parse({ ...base, attachments: [file, { ...file, name: 'b.pdf', mediaType: 'application/pdf' }] }));
    expect(clue.attachments?.map((a) => a.name)).toEqual(['现场照片.jpg', 'b.pdf']);
  });

  it.each([
    ['sha256', { sha256: 'ab'.repeat(31) }, /64 hexadecimal/],
    ['sha256', { sha256: 'zz'.repeat(32) }, /64 hexadecimal/],
    ['name', { name: '  ' }, /at least 1/],
    ['name', { name: 'x'.repeat(256) }, /at most 255/],
    ['name', { name: 'a\nb.jpg' }, /control characters/],
    ['size', { size: -1 }, /negative/],
    ['size', { size: 1.5 }, /whole number/],
    ['size', { size: 2 ** 31 }, /2 GiB/],
    ['mediaType', { mediaType: 'jpeg' }, /type\/subtype/],
    ['mediaType', { mediaType: 'text/plain; charset=utf-8' }, /type\/subtype/],
  ])('refuse a bad %s with its index in the path (%j)', (field, over, reason) => {
    const found = issue([file, file, { ...file, ...over }]);
    expect(found?.field).toBe(`attachments.2.${field}`);
    expect(found?.reason).toMatch(reason);
  });

  it('accept sizes from 0 to 2 GiB less a byte', () => {
    expect(issue([{ ...file, size: 0 }, { ...file, size: MAX_ATTACHMENT_BYTES }])).toBeNull();
  });

  it('are at most 20', () => {
    expect(issue(Array.from({ length: MAX_ATTACHMENTS }, () => file))).toBeNull();
    expect(issue(Array.from({ length: MAX_ATTACHMENTS + 1 }, () => file))).toEqual({ field: 'attachments', reason: 'must hold at most 20 attachments' });
  });
});

describe('clueNumber', () => {
  it('pads the sequence', () => {
    expect(clueNumber('610113', 2026, 12)).toBe('610113-2026-000012');
  });
});
