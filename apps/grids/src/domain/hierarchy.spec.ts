import { Role } from '@pgov/auth';
import { parseInput } from '@pgov/graphql-kit';
import {
  assertCanManageHierarchy,
  assertCanRetire,
  codeInDistrictProblem,
  codeProblem,
  createUnitInput,
  decideRename,
  parentOf,
  retireUnitInput,
  type Unit,
} from './hierarchy';

const street: Unit = { level: 'STREET', code: '610113-001', name: '小寨路街道', parentCode: '610113', districtCode: '610113', retiredAt: null, retiredReason: null };
const community: Unit = { level: 'COMMUNITY', code: '610113-001-001', name: '长延堡社区', parentCode: '610113-001', districtCode: '610113', retiredAt: null, retiredReason: null };
const grid: Unit = { level: 'GRID', code: '610113-001-001-01', name: '第一网格', parentCode: '610113-001-001', districtCode: '610113', retiredAt: null, retiredReason: null };
const retired = (u: Unit): Unit => ({ ...u, retiredAt: new Date('2026-11-01T00:00:00Z') });
const who = (roles: Role[], district: string) => ({ subject: 's', name: 'n', roles, district });

describe('who shapes the hierarchy', () => {
  it('is a CITY_ADMIN of the city only', () => {
    expect(() => assertCanManageHierarchy(who([Role.CITY_ADMIN], '610100'))).not.toThrow();
    expect(() => assertCanManageHierarchy(who([Role.CITY_ADMIN], '610113'))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    for (const role of [Role.LEADER, Role.PROCURATOR, Role.CLERK, Role.GRID_WORKER, Role.ANALYST, Role.PARTNER]) {
      expect(() => assertCanManageHierarchy(who([role], '610100'))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
  });
});

describe('unit codes and names', () => {
  it('accepts letters, digits and - from 1 to 64 characters', () => {
    for (const ok of ['a', '610113-001', 'ABC-12-x', 'x'.repeat(64)]) expect(codeProblem(ok)).toBeNull();
    for (const bad of ['', 'x'.repeat(65), '610113 001', '610113_001', '网格1', '610113/1']) expect(codeProblem(bad)).not.toBeNull();
  });

  it('trims names and refuses empty, over-long and multi-line ones, naming the field', () => {
    expect(parseInput(createUnitInput, { level: 'STREET', code: 'S-1', name: '  小寨路街道 ', parentCode: '610113' }).name).toBe('小寨路街道');
    for (const name of ['   ', 'x'.repeat(101), 'a\nb']) {
      expect(() => parseInput(createUnitInput, { level: 'STREET', code: 'S-1', name, parentCode: '610113' })).toThrow(
        expect.objectContaining({ issues: [expect.objectContaining({ path: ['input', 'name'] })] }),
      );
    }
    expect(() => parseInput(createUnitInput, { level: 'STREET', code: 'S 1', name: 'n', parentCode: '610113' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: ['input', 'code'] })] }),
    );
  });

  it('needs a reason to retire', () => {
    expect(() => parseInput(retireUnitInput, { code: 'S-1', reason: '  ' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: ['input', 'reason'] })] }),
    );
  });

  it('wants a grid code to begin with its district code', () => {
    expect(codeInDistrictProblem('GRID', '610113-9', '610113')).toBeNull();
    expect(codeInDistrictProblem('GRID', '610112-9', '610113')).toMatch(/begin with its district code 610113/);
    expect(codeInDistrictProblem('STREET', 'YT-1', '610113')).toBeNull();
  });
});

describe('the parent a new unit names', () => {
  it('is one of the 13 districts for a street, and the street takes that district', () => {
    expect(parentOf('STREET', '610113', null)).toEqual({ districtCode: '610113' });
    expect(parentOf('STREET', '610100', null)).toEqual({ problem: expect.stringMatching(/not one of the 13 district codes/) });
    expect(parentOf('STREET', '110101', null)).toEqual({ problem: expect.stringMatching(/not one of the 13 district codes/) });
  });

  it('is a street for a community and a community for a grid; the child takes its district', () => {
    expect(parentOf('COMMUNITY', street.code, street)).toEqual({ districtCode: '610113' });
    expect(parentOf('GRID', community.code, community)).toEqual({ districtCode: '610113' });
  });

  it('must exist, be of the level above and still be in service', () => {
    expect(parentOf('COMMUNITY', 'nope', null)).toEqual({ problem: 'parent nope is not a known street' });
    expect(parentOf('GRID', street.code, street)).toEqual({ problem: `parent ${street.code} is a street, not a community` });
    expect(parentOf('COMMUNITY', grid.code, grid)).toEqual({ problem: `parent ${grid.code} is a grid, not a street` });
    expect(parentOf('GRID', community.code, retired(community))).toEqual({ problem: `parent ${community.code} is retired` });
  });
});

describe('renaming', () => {
  it('answers the new name, or null when the name is unchanged', () => {
    expect(decideRename(street, '新名字')).toBe('新名字');
    expect(decideRename(street, street.name)).toBeNull();
  });

  it('refuses a retired unit (CONFLICT)', () => {
    expect(() => decideRename(retired(street), 'x')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });
});

describe('retiring', () => {
  const none = { children: 0, members: 0 };

  it('is allowed when nothing serves under the unit', () => {
    for (const unit of [street, community, grid]) expect(() => assertCanRetire(unit, none)).not.toThrow();
  });

  it('refuses a unit with units in service under it', () => {
    expect(() => assertCanRetire(street, { children: 2, members: 0 })).toThrow(/still has 2 community/);
    expect(() => assertCanRetire(community, { children: 1, members: 0 })).toThrow(/still has 1 grid/);
  });

  it('refuses a grid with ACTIVE or SUSPENDED members', () => {
    expect(() => assertCanRetire(grid, { children: 0, members: 3 })).toThrow(expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/3 ACTIVE or SUSPENDED/) }));
  });

  it('refuses to retire twice', () => {
    expect(() => assertCanRetire(retired(grid), none)).toThrow(expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/already retired/) }));
  });
});
