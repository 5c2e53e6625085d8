import { defineEvent } from '../../define-event';
import { HEARING_OPINIONS, PETITION_FACTS_REQUIRED, petitionFactsProperties, type PetitionFacts } from './petition-facts';

export interface HearingConcludedData extends PetitionFacts {
  hearingId: string;
  majorityOpinion: (typeof HEARING_OPINIONS)[number];
  /** Whether the procuratorate adopted the panel's majority opinion. */
  adopted: boolean;
  administrativeDisputeResolved: boolean;
  concludedAt: string;
}

export const hearingConcluded = defineEvent<HearingConcludedData>({
  type: 'petitions.hearing.concluded',
  version: 1,
  topic: 'petitions.hearing.v1',
  aggregate: 'hearing',
  partnerReadable: true,
  description: "A held hearing was concluded: the panel's majority opinion, whether the procuratorate adopted it, whether an administrative dispute was resolved.",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...PETITION_FACTS_REQUIRED, 'hearingId', 'majorityOpinion', 'adopted', 'administrativeDisputeResolved', 'concludedAt'],
    properties: {
      ...petitionFactsProperties,
      hearingId: { type: 'string', format: 'uuid' },
      majorityOpinion: { type: 'string', enum: HEARING_OPINIONS },
      adopted: { type: 'boolean' },
      administrativeDisputeResolved: { type: 'boolean' },
      concludedAt: { type: 'string', format: 'date-time' },
    },
  },
});
