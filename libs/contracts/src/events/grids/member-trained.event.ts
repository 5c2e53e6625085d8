import { defineEvent } from '../../define-event';
import { PATTERNS } from '../../envelope';

export interface MemberTrainedData {
  memberId: string;
  /** The member's district (where the training counts for "members trained"). */
  districtCode: string;
  trainingId: string;
  /** District that held the training (610100 for the city's own). */
  trainingDistrictCode: string;
  /** Calendar date in China, YYYY-MM-DD. */
  heldOn: string;
  recordedAt: string;
}

export const memberTrained = defineEvent<MemberTrainedData>({
  type: 'grids.member.trained',
  version: 1,
  topic: 'grids.member.v1',
  aggregate: 'member',
  partnerReadable: false,
  description: "A member's attendance at a training (业务培训) was recorded. Names the member: internal only.",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['memberId', 'districtCode', 'trainingId', 'trainingDistrictCode', 'heldOn', 'recordedAt'],
    properties: {
      memberId: { type: 'string', format: 'uuid' },
      districtCode: { type: 'string', pattern: PATTERNS.district },
      trainingId: { type: 'string', format: 'uuid' },
      trainingDistrictCode: { type: 'string', pattern: PATTERNS.district },
      heldOn: { type: 'string', format: 'date' },
      recordedAt: { type: 'string', format: 'date-time' },
    },
  },
});
