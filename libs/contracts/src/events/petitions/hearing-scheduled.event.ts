import { defineEvent } from '../../define-event';
import { PETITION_FACTS_REQUIRED, petitionFactsProperties, type PetitionFacts } from './petition-facts';

export interface HearingScheduledData extends PetitionFacts {
  hearingId: string;
  scheduledFor: string;
  venue: string;
  panelSize: number;
}

export const hearingScheduled = defineEvent<HearingScheduledData>({
  type: 'petitions.hearing.scheduled',
  version: 1,
  topic: 'petitions.hearing.v1',
  aggregate: 'hearing',
  partnerReadable: true,
  description: "A public hearing (公开听证) was scheduled for a petition. No names of officers or petitioner: partner-readable.",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...PETITION_FACTS_REQUIRED, 'hearingId', 'scheduledFor', 'venue', 'panelSize'],
    properties: {
      ...petitionFactsProperties,
      hearingId: { type: 'string', format: 'uuid' },
      scheduledFor: { type: 'string', format: 'date-time' },
      venue: { type: 'string', minLength: 1, maxLength: 200 },
      panelSize: { type: 'integer', minimum: 1, maximum: 50 },
    },
  },
});
