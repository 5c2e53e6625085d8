import { PATTERNS } from '../../envelope';

/** The teams (三支队伍 and helpers), informant roles, statuses and hearing-officer kinds of grids members. */
export const MEMBER_TEAMS = ['GRID_WORKER', 'COMMUNITY_PROCURATOR', 'SUPERVISOR', 'HEARING_OFFICER', 'PROCURATOR_ASSISTANT'] as const;
export const INFORMANT_ROLES = ['INFORMATION_OFFICER', 'PUBLICIST', 'SUPERVISOR'] as const;
export const MEMBER_STATUSES = ['ACTIVE', 'SUSPENDED', 'RETIRED'] as const;
export const HEARING_OFFICER_KINDS = [
  'PEOPLES_CONGRESS_DEPUTY',
  'CPPCC_MEMBER',
  'LAWYER',
  'NOTARY',
  'LEGAL_AID_WORKER',
  'GRASSROOTS_LEGAL_SERVICE_WORKER',
  'JUDICIAL_APPRAISER',
  'PEOPLES_SUPERVISOR',
] as const;

export type MemberTeam = (typeof MEMBER_TEAMS)[number];
export type InformantRole = (typeof INFORMANT_ROLES)[number];
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export type HearingOfficerKind = (typeof HEARING_OFFICER_KINDS)[number];

/**
 * What member events say of a member: where they serve and in which roles. Never the name, phone or
 * ID number: consumers that need those ask the graph, where masking and audit apply.
 */
export interface MemberSnapshot {
  memberId: string;
  districtCode: string;
  gridCode: string;
  team: MemberTeam;
  informantRoles: InformantRole[];
  status: MemberStatus;
  hearingOfficerKind: HearingOfficerKind | null;
}

export const MEMBER_SNAPSHOT_REQUIRED = ['memberId', 'districtCode', 'gridCode', 'team', 'informantRoles', 'status', 'hearingOfficerKind'] as const;

export const memberSnapshotProperties = {
  memberId: { type: 'string', format: 'uuid' },
  districtCode: { type: 'string', pattern: PATTERNS.district },
  gridCode: { type: 'string', minLength: 1, maxLength: 64 },
  team: { type: 'string', enum: MEMBER_TEAMS },
  informantRoles: { type: 'array', uniqueItems: true, items: { type: 'string', enum: INFORMANT_ROLES } },
  status: { type: 'string', enum: MEMBER_STATUSES },
  hearingOfficerKind: { anyOf: [{ type: 'string', enum: HEARING_OFFICER_KINDS }, { type: 'null', nullable: true }] },
} as const;
