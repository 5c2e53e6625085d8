import { defineEvent } from '../../define-event';
import { INFORMANT_ROLES, MEMBER_SNAPSHOT_REQUIRED, memberSnapshotProperties, type InformantRole, type MemberSnapshot } from './member-snapshot';

export interface MemberRolesChangedData extends MemberSnapshot {
  previousInformantRoles: InformantRole[];
  changedAt: string;
}

export const memberRolesChanged = defineEvent<MemberRolesChangedData>({
  type: 'grids.member.roles-changed',
  version: 1,
  topic: 'grids.member.v1',
  aggregate: 'member',
  partnerReadable: false,
  description: 'Informant roles (检察信息员, 宣传员, 监督员) were granted or withdrawn. Says who is an informant: internal only.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...MEMBER_SNAPSHOT_REQUIRED, 'previousInformantRoles', 'changedAt'],
    properties: {
      ...memberSnapshotProperties,
      previousInformantRoles: { type: 'array', uniqueItems: true, items: { type: 'string', enum: INFORMANT_ROLES } },
      changedAt: { type: 'string', format: 'date-time' },
    },
  },
});
