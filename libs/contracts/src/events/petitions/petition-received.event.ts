import { defineEvent } from '../../define-event';
import { PATTERNS } from '../../envelope';

export const PETITION_CHANNELS = ['LETTER', 'VISIT', 'HOTLINE_12309', 'ONLINE_12309', 'GRID_REFERRAL'] as const;
export const PETITION_CATEGORIES = [
  'CRIMINAL_APPEAL',
  'STATE_COMPENSATION',
  'CASE_FILING_SUPERVISION',
  'CIVIL_SUPERVISION',
  'ADMINISTRATIVE_SUPERVISION',
  'COMPLAINT',
  'SUGGESTION',
] as const;

/**
 * Leadership ownership (领导包案): a first-time petition of these kinds must be owned by a leader of
 * its district. Shared: the petitions service enforces it, the indicators count it.
 */
export const LEADERSHIP_OWNED_CATEGORIES: readonly (typeof PETITION_CATEGORIES)[number][] = ['CRIMINAL_APPEAL', 'STATE_COMPENSATION', 'CASE_FILING_SUPERVISION'];

export interface PetitionReceivedData {
  petitionId: string;
  districtCode: string;
  channel: (typeof PETITION_CHANNELS)[number];
  category: (typeof PETITION_CATEGORIES)[number];
  firstTime: boolean;
  receivedAt: string;
  proceduralReplyDueAt: string;
  resultReplyDueAt: string;
}

export const petitionReceived = defineEvent<PetitionReceivedData>({
  type: 'petitions.petition.received',
  version: 1,
  topic: 'petitions.petition.v1',
  aggregate: 'petition',
  partnerReadable: true,
  description:
    'A petition (信访件) was received by the 12309 service centre, with its reply due dates. No petitioner data: partner-readable.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['petitionId', 'districtCode', 'channel', 'category', 'firstTime', 'receivedAt', 'proceduralReplyDueAt', 'resultReplyDueAt'],
    properties: {
      petitionId: { type: 'string', format: 'uuid' },
      districtCode: { type: 'string', pattern: PATTERNS.district },
      channel: { type: 'string', enum: PETITION_CHANNELS },
      category: { type: 'string', enum: PETITION_CATEGORIES },
      firstTime: { type: 'boolean' },
      receivedAt: { type: 'string', format: 'date-time' },
      proceduralReplyDueAt: { type: 'string', format: 'date-time' },
      resultReplyDueAt: { type: 'string', format: 'date-time' },
    },
  },
});
