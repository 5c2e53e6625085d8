import { defineEvent } from '../../define-event';
import { CORRECTIONS_TOPIC, INBOUND_NOTE, PERSON_FACTS_REQUIRED, personFactsProperties, type CorrectionsPersonFacts } from './person-facts';

export interface PersonReleasedData extends CorrectionsPersonFacts {
  /** Whether the release was announced (解矫宣告) as the rules require. */
  announced: boolean;
}

export const personReleased = defineEvent<PersonReleasedData>({
  type: 'corrections.person.released',
  version: 1,
  topic: CORRECTIONS_TOPIC,
  aggregate: 'person',
  partnerReadable: false,
  description: `${INBOUND_NOTE} The person was released from community correction (解矫) on occurredOn.`,
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...PERSON_FACTS_REQUIRED, 'announced'],
    properties: {
      ...personFactsProperties,
      announced: { type: 'boolean' },
    },
  },
});
