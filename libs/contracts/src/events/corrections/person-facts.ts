import { PATTERNS } from '../../envelope';

/**
 * Every community-corrections event names the person by the justice bureau's case id only
 * (社区矫正对象编号); names and ID numbers stay in the bureau's system.
 */
export interface CorrectionsPersonFacts {
  personId: string;
  districtCode: string;
  /** Calendar date (China), YYYY-MM-DD, when it happened. */
  occurredOn: string;
}

export const PERSON_FACTS_REQUIRED = ['personId', 'districtCode', 'occurredOn'] as const;

export const personFactsProperties = {
  personId: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$' },
  districtCode: { type: 'string', pattern: PATTERNS.district },
  occurredOn: { type: 'string', format: 'date' },
} as const;

export const CORRECTIONS_TOPIC = 'corrections.person.v1';
export const INBOUND_NOTE = 'INBOUND, written by the justice bureau’s community-corrections platform (社区矫正平台).';
