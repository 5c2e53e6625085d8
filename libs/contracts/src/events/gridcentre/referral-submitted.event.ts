import { defineEvent } from '../../define-event';
import { PATTERNS } from '../../envelope';
import { CLUE_CATEGORIES, type ClueCategory } from '../clues/clue-vocabulary';

export interface GridCentreReferralData {
  /** The centre's own id of the referral: one clue per referral id, however often it is sent. */
  referralId: string;
  /** The referring district grid / Ping'an centre (综治中心), e.g. its unit code. */
  centreCode: string;
  districtCode: string;
  /** The grid the matter arose in, when known (a grid code of the district). */
  gridCode: string | null;
  category: ClueCategory;
  title: string;
  description: string;
  location: string | null;
  referredAt: string;
}

export const gridCentreReferralSubmitted = defineEvent<GridCentreReferralData>({
  type: 'gridcentre.referral.submitted',
  version: 1,
  topic: 'gridcentre.referral.v1',
  aggregate: 'referral',
  partnerReadable: false,
  description:
    'INBOUND, written by the district grid centres (综治中心): a matter referred to the procuratorate (综治中心移送). The clues service creates one clue per referralId; an invalid message goes to gridcentre.referral.v1.dlq with its reason. Free text about a case: not readable by other partners.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['referralId', 'centreCode', 'districtCode', 'gridCode', 'category', 'title', 'description', 'location', 'referredAt'],
    properties: {
      referralId: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$' },
      centreCode: { type: 'string', minLength: 1, maxLength: 64 },
      districtCode: { type: 'string', pattern: PATTERNS.district },
      gridCode: { anyOf: [{ type: 'string', minLength: 1, maxLength: 64 }, { type: 'null', nullable: true }] },
      category: { type: 'string', enum: CLUE_CATEGORIES },
      title: { type: 'string', minLength: 2, maxLength: 200 },
      description: { type: 'string', minLength: 1, maxLength: 5000 },
      location: { anyOf: [{ type: 'string', minLength: 1, maxLength: 300 }, { type: 'null', nullable: true }] },
      referredAt: { type: 'string', format: 'date-time' },
    },
  },
});
