import { defineEvent } from '../../define-event';
import { MEMBER_SNAPSHOT_REQUIRED, memberSnapshotProperties, type MemberSnapshot } from './member-snapshot';

export interface MemberUpdatedData extends MemberSnapshot {
  /** Which of the member's fields changed (names only, never values of personal fields). */
  changedFields: string[];
  /** The grid before a move; null when the grid did not change. */
  previousGridCode: string | null;
  updatedAt: string;
}

export const memberUpdated = defineEvent<MemberUpdatedData>({
  type: 'grids.member.updated',
  version: 1,
  topic: 'grids.member.v1',
  aggregate: 'member',
  partnerReadable: false,
  description: "A member's record changed (details, grid, team or hearing-officer kind). Internal only.",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...MEMBER_SNAPSHOT_REQUIRED, 'changedFields', 'previousGridCode', 'updatedAt'],
    properties: {
      ...memberSnapshotProperties,
      changedFields: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 64 } },
      previousGridCode: { anyOf: [{ type: 'string', minLength: 1, maxLength: 64 }, { type: 'null', nullable: true }] },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
});
