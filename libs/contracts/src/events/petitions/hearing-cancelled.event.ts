import { defineEvent } from '../../define-event';
import { PETITION_FACTS_REQUIRED, petitionFactsProperties, type PetitionFacts } from './petition-facts';

export interface HearingCancelledData extends PetitionFacts {
  hearingId: string;
  cancelledAt: string;
}

export const hearingCancelled = defineEvent<HearingCancelledData>({
  type: 'petitions.hearing.cancelled',
  version: 1,
  topic: 'petitions.hearing.v1',
  aggregate: 'hearing',
  partnerReadable: true,
  description: "A scheduled hearing was cancelled (the reason stays in the service).",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...PETITION_FACTS_REQUIRED, 'hearingId', 'cancelledAt'],
    properties: {
      ...petitionFactsProperties,
      hearingId: { type: 'string', format: 'uuid' },
      cancelledAt: { type: 'string', format: 'date-time' },
    },
  },
});
