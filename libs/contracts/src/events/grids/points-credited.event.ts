import { defineEvent } from '../../define-event';

export interface PointsCreditedData {
  memberId: string;
  clueId: string;
  /** Points added to the member's ledger (a positive integer). */
  points: number;
  reason: string;
  ledgerEntryId: string;
  creditedAt: string;
}

export const pointsCredited = defineEvent<PointsCreditedData>({
  type: 'grids.points.credited',
  version: 1,
  topic: 'grids.member.v1',
  aggregate: 'member',
  partnerReadable: false,
  description: "Points were credited to a grid member's ledger for a clue. Identifies the member: internal only.",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['memberId', 'clueId', 'points', 'reason', 'ledgerEntryId', 'creditedAt'],
    properties: {
      memberId: { type: 'string', format: 'uuid' },
      clueId: { type: 'string', format: 'uuid' },
      points: { type: 'integer', minimum: 1, maximum: 10000 },
      reason: { type: 'string', minLength: 1, maxLength: 200 },
      ledgerEntryId: { type: 'string', format: 'uuid' },
      creditedAt: { type: 'string', format: 'date-time' },
    },
  },
});
