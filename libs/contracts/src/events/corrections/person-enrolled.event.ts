import { defineEvent } from '../../define-event';
import { CORRECTIONS_TOPIC, INBOUND_NOTE, PERSON_FACTS_REQUIRED, personFactsProperties, type CorrectionsPersonFacts } from './person-facts';

export interface PersonEnrolledData extends CorrectionsPersonFacts {
  /** The date the judgment took effect (判决生效); reporting in is due within days of it. */
  judgmentEffectiveOn: string;
}

export const personEnrolled = defineEvent<PersonEnrolledData>({
  type: 'corrections.person.enrolled',
  version: 1,
  topic: CORRECTIONS_TOPIC,
  aggregate: 'person',
  partnerReadable: false,
  description: `${INBOUND_NOTE} A person was enrolled in community correction (入矫); occurredOn is the enrolment date.`,
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...PERSON_FACTS_REQUIRED, 'judgmentEffectiveOn'],
    properties: {
      ...personFactsProperties,
      judgmentEffectiveOn: { type: 'string', format: 'date' },
    },
  },
});
