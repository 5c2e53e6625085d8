import { defineEvent } from '../../define-event';
import { CORRECTIONS_TOPIC, INBOUND_NOTE, PERSON_FACTS_REQUIRED, personFactsProperties, type CorrectionsPersonFacts } from './person-facts';

export interface PersonEducatedData extends CorrectionsPersonFacts {
  kind: 'EDUCATION' | 'ASSISTANCE';
}

export const personEducated = defineEvent<PersonEducatedData>({
  type: 'corrections.person.educated',
  version: 1,
  topic: CORRECTIONS_TOPIC,
  aggregate: 'person',
  partnerReadable: false,
  description: `${INBOUND_NOTE} An education or assistance session (教育帮扶) was held on occurredOn.`,
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...PERSON_FACTS_REQUIRED, 'kind'],
    properties: {
      ...personFactsProperties,
      kind: { type: 'string', enum: ['EDUCATION', 'ASSISTANCE'] },
    },
  },
});
