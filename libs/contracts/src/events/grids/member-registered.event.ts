import { defineEvent } from '../../define-event';
import { MEMBER_SNAPSHOT_REQUIRED, memberSnapshotProperties, type MemberSnapshot } from './member-snapshot';

export interface MemberRegisteredData extends MemberSnapshot {
  registeredAt: string;
}

export const memberRegistered = defineEvent<MemberRegisteredData>({
  type: 'grids.member.registered',
  version: 1,
  topic: 'grids.member.v1',
  aggregate: 'member',
  partnerReadable: false,
  description: 'A member joined the grid network (name, phone and ID number stay in the grids service). Says who holds informant roles where: internal only.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...MEMBER_SNAPSHOT_REQUIRED, 'registeredAt'],
    properties: {
      ...memberSnapshotProperties,
      registeredAt: { type: 'string', format: 'date-time' },
    },
  },
});
