import { defineEvent } from '../../define-event';
import { PETITION_FACTS_REQUIRED, petitionFactsProperties, type PetitionFacts } from './petition-facts';

export interface PetitionDeadlineApproachingData extends PetitionFacts {
  /** PROCEDURAL (7-day) or RESULT (3-month) deadline. */
  kind: 'PROCEDURAL' | 'RESULT';
  dueAt: string;
  /** When the sweep found the deadline inside its warning window. */
  detectedAt: string;
}

export const petitionDeadlineApproaching = defineEvent<PetitionDeadlineApproachingData>({
  type: 'petitions.petition.deadline-approaching',
  version: 1,
  topic: 'petitions.petition.v1',
  aggregate: 'petition',
  partnerReadable: true,
  description:
    'A reply deadline still owed is coming due: its warning window opened (by default 2 days before the procedural deadline, 15 days before the 3-month one) and the reply is not in. ' +
    'Announced once per petition and deadline by the deadline sweep; never once the reply is in or the deadline has passed (then deadline-missed follows).',
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
