import { defineEvent } from '../../define-event';
import { PATTERNS } from '../../envelope';

export interface TrainingHeldData {
  trainingId: string;
  title: string;
  /** District that held it (610100 for the city's own). */
  districtCode: string;
  heldOn: string;
  /** Attendees recorded so far: published again, with the new count, when attendance is added. */
  attendeeCount: number;
  recordedAt: string;
}

export const trainingHeld = defineEvent<TrainingHeldData>({
  type: 'grids.training.held',
  version: 1,
  topic: 'grids.training.v1',
  aggregate: 'training',
  partnerReadable: true,
  description:
    'A training (业务培训) was held and its attendance recorded. Counts only, no attendee: partner-readable. The latest event of a training carries its current attendee count.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['trainingId', 'title', 'districtCode', 'heldOn', 'attendeeCount', 'recordedAt'],
    properties: {
      trainingId: { type: 'string', format: 'uuid' },
      title: { type: 'string', minLength: 1, maxLength: 200 },
      districtCode: { type: 'string', pattern: PATTERNS.district },
      heldOn: { type: 'string', format: 'date' },
      attendeeCount: { type: 'integer', minimum: 0 },
      recordedAt: { type: 'string', format: 'date-time' },
    },
  },
});
