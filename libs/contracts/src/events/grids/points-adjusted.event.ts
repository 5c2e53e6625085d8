import { defineEvent } from '../../define-event';

export interface PointsAdjustedData {
  memberId: string;
  /** Points added (positive) or taken away (negative); never zero. */
  points: number;
  ledgerEntryId: string;
  /** Token subject of the city administrator who made the adjustment (the reason stays in the ledger). */
  adjustedBy: string;
  adjustedAt: string;
}

export const pointsAdjusted = defineEvent<PointsAdjustedData>({
  type: 'grids.points.adjusted',
  version: 1,
  topic: 'grids.member.v1',
  aggregate: 'member',
  partnerReadable: false,
  description: "A city administrator adjusted a member's points by hand. Identifies the member: internal only.",
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['memberId', 'points', 'ledgerEntryId', 'adjustedBy', 'adjustedAt'],
    properties: {
      memberId: { type: 'string', format: 'uuid' },
      points: { type: 'integer', minimum: -10000, maximum: 10000, not: { const: 0 } },
      ledgerEntryId: { type: 'string', format: 'uuid' },
      adjustedBy: { type: 'string', minLength: 1, maxLength: 200 },
      adjustedAt: { type: 'string', format: 'date-time' },
    },
  },
});
