import { defineEvent } from '../../define-event';
import { CLUE_FACTS_REQUIRED, clueFactsProperties, type ClueFacts } from './clue-facts';

export interface ClueAcceptedData extends ClueFacts {
  /** Token subject of the procurator who accepted it. */
  acceptedBy: string;
  acceptedAt: string;
}

export const clueAccepted = defineEvent<ClueAcceptedData>({
  type: 'clues.clue.accepted',
  version: 1,
  topic: 'clues.clue.v1',
  aggregate: 'clue',
  partnerReadable: false,
  description:
    'A submitted clue was accepted (受理) by its district. Carries the reporting member id (informant identity): internal only.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...CLUE_FACTS_REQUIRED, 'acceptedBy', 'acceptedAt'],
    properties: {
      ...clueFactsProperties,
      acceptedBy: { type: 'string', minLength: 1, maxLength: 200 },
      acceptedAt: { type: 'string', format: 'date-time' },
    },
  },
});
