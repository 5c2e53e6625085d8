import { defineEvent } from '../../define-event';
import { MEMBER_SNAPSHOT_REQUIRED, MEMBER_STATUSES, memberSnapshotProperties, type MemberSnapshot, type MemberStatus } from './member-snapshot';

export interface MemberStatusChangedData extends MemberSnapshot {
  previousStatus: MemberStatus;
  changedAt: string;
}

export const memberStatusChanged = defineEvent<MemberStatusChangedData>({
  type: 'grids.member.status-changed',
  version: 1,
  topic: 'grids.member.v1',
  aggregate: 'member',
  partnerReadable: false,
  description: 'A member was suspended, reactivated or retired. Internal only.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...MEMBER_SNAPSHOT_REQUIRED, 'previousStatus', 'changedAt'],
    properties: {
      ...memberSnapshotProperties,
      previousStatus: { type: 'string', enum: MEMBER_STATUSES },
      changedAt: { type: 'string', format: 'date-time' },
    },
  },
});
