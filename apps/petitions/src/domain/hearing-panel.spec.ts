import { residentIdCheckChar } from '@pgov/privacy';
import { assertPanelMaySit, externalOfficerKey, memberOfficerKey, PanelConflict, panelInput, sealPanel, type NewPanelist } from './hearing-panel';

const idNumber = (seq: string) => {
  const first17 = `61011319700101${seq.padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
};
const member = (n: number) => ({ memberId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` });
const external = (seq: string, name = '李律师') => ({ externalKind: 'LAWYER', externalName: name, externalIdNumber: idNumber(seq) });
const bounds = { min: 3, max: 7 };
const hash = (v: string) => `h(${v})`;

function firstIssue(value: unknown) {
  const result = panelInput(bounds).safeParse(value);
  expect(result.success).toBe(false);
  const issue = result.error!.issues[0]!;
  return { path: issue.path.join('.'), message: issue.message };
}

describe('panel input', () => {
  it.each([3, 5, 7])('takes a panel of %i', (n) => {
    expect(panelInput(bounds).parse(Array.from({ length: n }, (_, i) => member(i)))).toHaveLength(n);
  });

  it.each([0, 2, 8])('refuses a panel of %i naming the bounds', (n) => {
    expect(firstIssue(Array.from({ length: n }, (_, i) => member(i)))).toEqual({ path: '', message: 'must have from 3 to 7 officers' });
  });

  it('follows the configured bounds', () => {
    expect(panelInput({ min: 1, max: 2 }).safeParse([member(1)]).success).toBe(true);
    expect(panelInput({ min: 1, max: 2 }).safeParse([member(1), member(2), member(3)]).success).toBe(false);
  });

  it('takes exactly one form per officer', () => {
    const both = { ...member(9), ...external('001') };
    expect(firstIssue([member(1), member(2), both])).toEqual({ path: '2', message: expect.stringMatching(/not both/) });
    expect(firstIssue([member(1), {}, member(2)])).toEqual({ path: '1', message: expect.stringMatching(/^needs memberId/) });
    expect(firstIssue([{ externalKind: 'NOTARY', externalName: '王公证' }, member(1), member(2)])).toEqual({
      path: '0',
      message: 'an external officer also needs externalIdNumber',
    });
    expect(firstIssue([{ memberId: null, externalKind: null, externalName: null, externalIdNumber: null }, member(1), member(2)]).path).toBe('0');
  });

  it('checks external ID numbers (GB 11643) and member ids', () => {
    const bad = { ...external('001'), externalIdNumber: idNumber('001').slice(0, 17) + (idNumber('001').endsWith('0') ? '1' : '0') };
    expect(firstIssue([member(1), member(2), bad])).toEqual({ path: '2.externalIdNumber', message: 'check digit does not match (GB 11643)' });
    expect(firstIssue([member(1), member(2), { memberId: 'm-3' }])).toEqual({ path: '2.memberId', message: 'must be a member id (uuid)' });
  });
});

describe('sealPanel', () => {
  it('keeps members by reference and externals by the keyed hash of their number, never the number', () => {
    const panel = panelInput(bounds).parse([member(1), external('002', ' 李律师 '), member(3)]);
    const sealed = sealPanel(panel, hash);
    expect(sealed[0]).toEqual({ officerKey: memberOfficerKey(member(1).memberId), memberId: member(1).memberId, externalKind: null, externalName: null, externalIdNumberHash: null });
    expect(sealed[1]).toEqual({
      officerKey: externalOfficerKey(hash(idNumber('002'))),
      memberId: null,
      externalKind: 'LAWYER',
      externalName: '李律师',
      externalIdNumberHash: hash(idNumber('002')),
    });
    expect(JSON.stringify(sealed)).not.toContain(`"${idNumber('002')}"`);
  });

  it('reads a lower-case x check character as X, so one person has one key', () => {
    const withX = Array.from({ length: 1000 }, (_, i) => idNumber(String(i))).find((n) => n.endsWith('X'))!;
    const [lower] = panelInput({ min: 1, max: 1 }).parse([{ externalKind: 'NOTARY', externalName: '王', externalIdNumber: withX.toLowerCase() }]);
    expect(sealPanel([lower!], hash)[0]!.externalIdNumberHash).toBe(hash(withX));
  });
});

describe('who may sit', () => {
  const m = (n: number): NewPanelist => sealPanel([member(n)], hash)[0]!;
  const x = (seq: string): NewPanelist => sealPanel([{ externalKind: 'LAWYER', externalName: '李', externalIdNumber: idNumber(seq) }], hash)[0]!;
  const nobody = { memberId: null, idNumberHashes: [] };

  function conflictOf(run: () => void) {
    try {
      run();
    } catch (e) {
      expect(e).toBeInstanceOf(PanelConflict);
      return (e as PanelConflict).details;
    }
    throw new Error('no conflict');
  }

  it('lets a panel of distinct, new officers sit', () => {
    expect(() => assertPanelMaySit([m(1), m(2), x('003')], nobody, [{ officerKey: m(9).officerKey, hearingId: 'h0' }])).not.toThrow();
  });

  it('refuses an officer twice on the panel, naming the second place', () => {
    expect(conflictOf(() => assertPanelMaySit([m(1), m(2), m(1)], nobody, []))).toMatchObject({ panelIndex: 2, field: 'input.panel.2' });
    expect(conflictOf(() => assertPanelMaySit([x('001'), m(2), x('001')], nobody, []))).toMatchObject({ panelIndex: 2 });
  });

  it('refuses an officer who sits on another hearing of the petition, naming it', () => {
    const seated = [{ officerKey: x('005').officerKey, hearingId: 'h1' }];
    expect(conflictOf(() => assertPanelMaySit([m(1), x('005'), m(2)], nobody, seated))).toMatchObject({ panelIndex: 1, hearingId: 'h1' });
  });

  it('refuses the petitioner as officer, by member id or by ID number', () => {
    const petitioner = { memberId: member(2).memberId.toUpperCase(), idNumberHashes: [hash(idNumber('007'))] };
    expect(conflictOf(() => assertPanelMaySit([m(1), m(2), m(3)], petitioner, []))).toMatchObject({ panelIndex: 1, reason: expect.stringMatching(/petitioner/) });
    expect(conflictOf(() => assertPanelMaySit([m(1), m(3), x('007')], petitioner, []))).toMatchObject({ panelIndex: 2, reason: expect.stringMatching(/petitioner/) });
    expect(() => assertPanelMaySit([m(1), m(3), x('008')], petitioner, [])).not.toThrow();
  });
});
