import { residentIdProblem } from '@pgov/privacy';
import { demoNetwork, demoUuid, SCALES } from './demo-data';

describe('demo grid network', () => {
  it('is the same for the same seed and different for another', () => {
    const a = [...demoNetwork(7, SCALES.demo)];
    const b = [...demoNetwork(7, SCALES.demo)];
    const c = [...demoNetwork(8, SCALES.demo)];
    expect(a).toEqual(b);
    expect(a[0]!.members[0]!.id).not.toBe(c[0]!.members[0]!.id);
  });

  it('covers all 13 districts at the chosen size with valid personal data', () => {
    const all = [...demoNetwork(1, SCALES.demo)];
    expect(all).toHaveLength(13);
    const members = all.flatMap((d) => d.members);
    expect(all.flatMap((d) => d.grids)).toHaveLength(13 * 2 * 2 * 3);
    expect(members).toHaveLength(13 * 12 * 2);
    expect(members.every((m) => residentIdProblem(m.idNumber) === null)).toBe(true);
    expect(members.every((m) => m.gridCode.startsWith(m.districtCode))).toBe(true);
    expect(new Set(members.map((m) => m.idNumber)).size).toBe(members.length);
  });

  it('has every team in every district, a few hearing officers of various kinds, and informant roles on grid workers only', () => {
    const all = [...demoNetwork(1, SCALES.demo)];
    for (const { members } of all) {
      expect(new Set(members.map((m) => m.team))).toEqual(new Set(['GRID_WORKER', 'SUPERVISOR', 'COMMUNITY_PROCURATOR', 'HEARING_OFFICER', 'PROCURATOR_ASSISTANT']));
      const officers = members.filter((m) => m.team === 'HEARING_OFFICER');
      expect(officers.length).toBeGreaterThanOrEqual(2);
      expect(new Set(officers.map((m) => m.hearingOfficerKind)).size).toBeGreaterThanOrEqual(2);
    }
    const members = all.flatMap((d) => d.members);
    expect(members.every((m) => (m.team === 'HEARING_OFFICER') === (m.hearingOfficerKind !== null))).toBe(true);
    expect(members.filter((m) => m.team !== 'GRID_WORKER').every((m) => m.informantRoles.length === 0)).toBe(true);
    expect(new Set(members.map((m) => m.hearingOfficerKind).filter(Boolean)).size).toBe(8);
  });

  it('keeps member ids where other tools expect them', () => {
    const [first] = demoNetwork(2026, SCALES.demo);
    expect(first!.members[0]!.id).toBe(demoUuid(2026, `member:${first!.grids[0]!.code}:1`));
    expect(first!.members[0]!.team).toBe('GRID_WORKER');
  });

  it('derives uuids of the RFC 4122 shape', () => {
    expect(demoUuid(1, 'x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
