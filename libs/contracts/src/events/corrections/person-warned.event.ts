import { defineEvent } from '../../define-event';
import { CORRECTIONS_TOPIC, INBOUND_NOTE, PERSON_FACTS_REQUIRED, personFactsProperties, type CorrectionsPersonFacts } from './person-facts';

export interface PersonWarnedData extends CorrectionsPersonFacts {
  /** Why (a category, not free text about the person). */
  reason: string;
}

export const personWarned = defineEvent<PersonWarnedData>({
  type: 'corrections.person.warned',
  version: 1,
  topic: CORRECTIONS_TOPIC,
  aggregate: 'person',
  partnerReadable: false,
  description: `${INBOUND_NOTE} The person was given a warning (警告) on occurredOn.`,
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...PERSON_FACTS_REQUIRED, 'reason'],
    properties: {
      ...personFactsProperties,
      reason: { type: 'string', minLength: 1, maxLength: 64 },
    },
  },
});
