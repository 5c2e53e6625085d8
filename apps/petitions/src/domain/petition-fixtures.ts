// Test data for the domain specs (no I/O): a petition as the rules read it, and callers of each role.
import { Role, type Identity } from '@pgov/auth';
import type { PetitionSubject } from './petition-subject';

export const DISTRICT = '610113';
export const RECEIVED_AT = new Date('2026-11-20T01:00:00Z');
/** 7 days and 3 months after RECEIVED_AT. */
export const PROCEDURAL_DUE = new Date('2026-11-27T01:00:00Z');
export const RESULT_DUE = new Date('2027-02-20T01:00:00Z');
export const day = (n: number) => new Date(RECEIVED_AT.getTime() + n * 86_400_000);

export function petition(overrides: Partial<PetitionSubject & { petitionerName: string }> = {}): PetitionSubject & { petitionerName: string } {
  return {
    id: '7d1f6a1e-3c1b-4a52-9a43-1f2d3c4b5a69',
    districtCode: DISTRICT,
    category: 'COMPLAINT',
    firstTime: true,
    status: 'RECEIVED',
    proceduralReplyDueAt: PROCEDURAL_DUE,
    resultReplyDueAt: RESULT_DUE,
    proceduralRepliedAt: null,
    resultRepliedAt: null,
    ownerSubject: null,
    ownerName: null,
    petitionerName: '张三丰',
    ...overrides,
  };
}

export const person = (roles: Role | Role[], district = DISTRICT, subject = `${[roles].flat().join('+')}-${district}`, name = '测试用户'): Identity => ({
  subject,
  name,
  roles: [roles].flat(),
  district,
});

export const clerk = person(Role.CLERK);
export const procurator = person(Role.PROCURATOR);
export const leader = person(Role.LEADER, DISTRICT, 'leader-1', '王检察长');
export const cityAdmin = person(Role.CITY_ADMIN, '610100');
export const cityLeader = person(Role.LEADER, '610100');
export const otherDistrictLeader = person(Role.LEADER, '610102');
export const analyst = person(Role.ANALYST);
export const gridWorker = person(Role.GRID_WORKER);
