import { defineEvent } from '../../define-event';
import { CORRECTIONS_TOPIC, INBOUND_NOTE, PERSON_FACTS_REQUIRED, personFactsProperties, type CorrectionsPersonFacts } from './person-facts';

export type PersonCheckedInData = CorrectionsPersonFacts;

export const personCheckedIn = defineEvent<PersonCheckedInData>({
  type: 'corrections.person.checked-in',
  version: 1,
  topic: CORRECTIONS_TOPIC,
  aggregate: 'person',
  partnerReadable: false,
  description: `${INBOUND_NOTE} A scheduled check-in (签到/报告) was kept on occurredOn.`,
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...PERSON_FACTS_REQUIRED],
    properties: {
      ...personFactsProperties,
    },
  },
});
