import { defineEvent } from '../../define-event';
import { PETITION_FACTS_REQUIRED, petitionFactsProperties, type PetitionFacts } from './petition-facts';

export interface PetitionDeadlineMissedData extends PetitionFacts {
  /** PROCEDURAL (7-day) or RESULT (3-month) deadline. */
  kind: 'PROCEDURAL' | 'RESULT';
  dueAt: string;
  detectedAt: string;
}

export const petitionDeadlineMissed = defineEvent<PetitionDeadlineMissedData>({
  type: 'petitions.petition.deadline-missed',
  version: 1,
  topic: 'petitions.petition.v1',
  aggregate: 'petition',
  partnerReadable: true,
  description: "A reply deadline passed without the reply: announced once, by the overdue sweep.",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...PETITION_FACTS_REQUIRED, 'kind', 'dueAt', 'detectedAt'],
    properties: {
      ...petitionFactsProperties,
      kind: { type: 'string', enum: ['PROCEDURAL', 'RESULT'] },
      dueAt: { type: 'string', format: 'date-time' },
      detectedAt: { type: 'string', format: 'date-time' },
    },
  },
});
