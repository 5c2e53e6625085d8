import { defineEvent } from '../../define-event';
import { PETITION_FACTS_REQUIRED, petitionFactsProperties, type PetitionFacts } from './petition-facts';

export interface PetitionOwnerAssignedData extends PetitionFacts {
  category: string;
  firstTime: boolean;
  /** True when an owner is replaced (the owner's identity stays in the service). */
  reassigned: boolean;
  assignedAt: string;
}

export const petitionOwnerAssigned = defineEvent<PetitionOwnerAssignedData>({
  type: 'petitions.petition.owner-assigned',
  version: 1,
  topic: 'petitions.petition.v1',
  aggregate: 'petition',
  partnerReadable: true,
  description: "A leader of the district took ownership of a petition (领导包案), or the owner changed.",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: [...PETITION_FACTS_REQUIRED, 'category', 'firstTime', 'reassigned', 'assignedAt'],
    properties: {
      ...petitionFactsProperties,
      category: { type: 'string', minLength: 1, maxLength: 64 },
      firstTime: { type: 'boolean' },
      reassigned: { type: 'boolean' },
      assignedAt: { type: 'string', format: 'date-time' },
    },
  },
});
