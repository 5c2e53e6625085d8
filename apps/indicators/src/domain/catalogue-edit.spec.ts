import { Role } from '@pgov/auth';
import { parseInput } from '@pgov/graphql-kit';
import { decideIndicatorEdit, updateIndicatorInput } from './catalogue-edit';

const admin = { subject: 'a', name: 'A', roles: [Role.CITY_ADMIN], district: '610100' };
const analyst = { subject: 'b', name: 'B', roles: [Role.ANALYST], district: '610100' };

describe('editing the catalogue', () => {
  it('lets a CITY_ADMIN change name, description, target and scope, recording who', () => {
    const input = parseInput(updateIndicatorInput, { code: 'RECTIFICATION_RATE', name: ' 整改落实率 ', target: 0.85, scope: 'REGIONAL' });
    expect(decideIndicatorEdit(admin, input)).toEqual({ code: 'RECTIFICATION_RATE', changes: { name: '整改落实率', target: 0.85, scope: 'REGIONAL', updatedBy: 'a' } });
    expect(decideIndicatorEdit(admin, parseInput(updateIndicatorInput, { code: 'RECTIFICATION_RATE', target: null })).changes.target).toBeNull();
  });

  it('refuses anyone else, an unknown code, and a rate target above 1', () => {
    expect(() => decideIndicatorEdit(analyst, { code: 'RECTIFICATION_RATE' })).toThrow(/CITY_ADMIN/);
    expect(() => decideIndicatorEdit(admin, { code: 'NO_SUCH' })).toThrow(/not found/);
    expect(() => decideIndicatorEdit(admin, { code: 'RECTIFICATION_RATE', target: 90 })).toThrow(/between 0 and 1/);
    expect(decideIndicatorEdit(admin, { code: 'CLUE_DECISION_DAYS', target: 20 }).changes.target).toBe(20);
  });

  it('names the field and the reason of bad input, and refuses fields that are not editable', () => {
    expect(() => parseInput(updateIndicatorInput, { code: 'RECTIFICATION_RATE', name: '   ' })).toThrow(/must not be blank/);
    expect(() => parseInput(updateIndicatorInput, { code: 'RECTIFICATION_RATE', target: -1 })).toThrow(/must not be negative/);
    expect(() => parseInput(updateIndicatorInput, { code: 'RECTIFICATION_RATE', unit: 'COUNT' })).toThrow();
  });
});
