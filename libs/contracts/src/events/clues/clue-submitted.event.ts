import { defineEvent } from '../../define-event';
import { CLUE_FACTS_REQUIRED, clueFactsProperties, type ClueFacts } from './clue-facts';

export interface ClueSubmittedData extends ClueFacts {
  submittedAt: string;
}

export const clueSubmitted = defineEvent<ClueSubmittedData>({
  type: 'clues.clue.submitted',
  version: 1,
  topic: 'clues.clue.v1',
  aggregate: 'clue',
  partnerReadable: false,
  description:
    'A clue (线索) was submitted. Carries the reporting grid member id, which identifies an informant: internal only.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...CLUE_FACTS_REQUIRED, 'submittedAt'],
    properties: {
      ...clueFactsProperties,
      submittedAt: { type: 'string', format: 'date-time' },
    },
  },
});
