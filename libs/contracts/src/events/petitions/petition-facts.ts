import { PATTERNS } from '../../envelope';

export const PETITION_STATUSES = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'CONCLUDED', 'CLOSED', 'REFERRED'] as const;
export const REPLY_KINDS = ['PROCEDURAL', 'PROGRESS', 'RESULT'] as const;
export const HEARING_OPINIONS = ['SUPPORT', 'OPPOSE', 'ABSTAIN'] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];
export type ReplyKind = (typeof REPLY_KINDS)[number];

/** Petition and hearing events name the petition and its district only: never the petitioner. */
export interface PetitionFacts {
  petitionId: string;
  districtCode: string;
}

export const PETITION_FACTS_REQUIRED = ['petitionId', 'districtCode'] as const;

export const petitionFactsProperties = {
  petitionId: { type: 'string', format: 'uuid' },
  districtCode: { type: 'string', pattern: PATTERNS.district },
} as const;
