import { defineEvent } from '../../define-event';
import { CORRECTIONS_TOPIC, INBOUND_NOTE, PERSON_FACTS_REQUIRED, personFactsProperties, type CorrectionsPersonFacts } from './person-facts';

export type PersonReportedInData = CorrectionsPersonFacts;

export const personReportedIn = defineEvent<PersonReportedInData>({
  type: 'corrections.person.reported-in',
  version: 1,
  topic: CORRECTIONS_TOPIC,
  aggregate: 'person',
  partnerReadable: false,
  description: `${INBOUND_NOTE} The person reported in (报到) to the judicial office on occurredOn.`,
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...PERSON_FACTS_REQUIRED],
    properties: {
      ...personFactsProperties,
    },
  },
});
