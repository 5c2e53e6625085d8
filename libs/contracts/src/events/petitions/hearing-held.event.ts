import { defineEvent } from '../../define-event';
import { PETITION_FACTS_REQUIRED, petitionFactsProperties, type PetitionFacts } from './petition-facts';

export interface HearingHeldData extends PetitionFacts {
  hearingId: string;
  heldAt: string;
}

export const hearingHeld = defineEvent<HearingHeldData>({
  type: 'petitions.hearing.held',
  version: 1,
  topic: 'petitions.hearing.v1',
  aggregate: 'hearing',
  partnerReadable: true,
  description: "A scheduled public hearing was held.",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...PETITION_FACTS_REQUIRED, 'hearingId', 'heldAt'],
    properties: {
      ...petitionFactsProperties,
      hearingId: { type: 'string', format: 'uuid' },
      heldAt: { type: 'string', format: 'date-time' },
    },
  },
});
