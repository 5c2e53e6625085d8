import { defineEvent } from '../../define-event';
import { CORRECTIONS_TOPIC, INBOUND_NOTE, PERSON_FACTS_REQUIRED, personFactsProperties, type CorrectionsPersonFacts } from './person-facts';

export type PersonCheckInMissedData = CorrectionsPersonFacts;

export const personCheckInMissed = defineEvent<PersonCheckInMissedData>({
  type: 'corrections.person.check-in-missed',
  version: 1,
  topic: CORRECTIONS_TOPIC,
  aggregate: 'person',
  partnerReadable: false,
  description: `${INBOUND_NOTE} A scheduled check-in due on occurredOn was missed.`,
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...PERSON_FACTS_REQUIRED],
    properties: {
      ...personFactsProperties,
    },
  },
});
