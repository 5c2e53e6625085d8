import { defineEvent } from '../../define-event';
import { PETITION_FACTS_REQUIRED, PETITION_STATUSES, petitionFactsProperties, type PetitionFacts, type PetitionStatus } from './petition-facts';

export interface PetitionTransitionedData extends PetitionFacts {
  category: string;
  firstTime: boolean;
  from: PetitionStatus | null;
  to: PetitionStatus;
  at: string;
}

export const petitionTransitioned = defineEvent<PetitionTransitionedData>({
  type: 'petitions.petition.transitioned',
  version: 1,
  topic: 'petitions.petition.v1',
  aggregate: 'petition',
  partnerReadable: true,
  description: "A petition changed state (RECEIVED → ACKNOWLEDGED → IN_PROGRESS → CONCLUDED → CLOSED, or REFERRED). No petitioner data: partner-readable.",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...PETITION_FACTS_REQUIRED, 'category', 'firstTime', 'from', 'to', 'at'],
    properties: {
      ...petitionFactsProperties,
      category: { type: 'string', minLength: 1, maxLength: 64 },
      firstTime: { type: 'boolean' },
      from: { anyOf: [{ type: 'string', enum: PETITION_STATUSES }, { type: 'null', nullable: true }] },
      to: { type: 'string', enum: PETITION_STATUSES },
      at: { type: 'string', format: 'date-time' },
    },
  },
});
