import { defineEvent } from '../../define-event';
import { PETITION_FACTS_REQUIRED, petitionFactsProperties, REPLY_KINDS, type PetitionFacts, type ReplyKind } from './petition-facts';

export interface PetitionRepliedData extends PetitionFacts {
  kind: ReplyKind;
  repliedAt: string;
  /** The deadline the reply answers (procedural: 7 days; progress/result: 3 months). */
  dueAt: string;
  onTime: boolean;
}

export const petitionReplied = defineEvent<PetitionRepliedData>({
  type: 'petitions.petition.replied',
  version: 1,
  topic: 'petitions.petition.v1',
  aggregate: 'petition',
  partnerReadable: true,
  description: "A reply was sent to the petitioner (群众来信件件有回复); whether it met its deadline. No petitioner data or reply text: partner-readable.",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...PETITION_FACTS_REQUIRED, 'kind', 'repliedAt', 'dueAt', 'onTime'],
    properties: {
      ...petitionFactsProperties,
      kind: { type: 'string', enum: REPLY_KINDS },
      repliedAt: { type: 'string', format: 'date-time' },
      dueAt: { type: 'string', format: 'date-time' },
      onTime: { type: 'boolean' },
    },
  },
});
