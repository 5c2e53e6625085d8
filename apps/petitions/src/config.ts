import { z } from 'zod';
import { serviceEnv } from '@pgov/config';
import { auditChainKeyEnv, loadConfigWithPersonalDataKeys } from '@pgov/privacy';

/**
 * The petitions service's configuration: the only reader of process.env in this app. With it, the
 * keys that encrypt petitioners' ID numbers and phones at rest (PERSONAL_DATA_KEYS,
 * PERSONAL_DATA_ACTIVE_KEY, PERSONAL_DATA_HASH_KEY) and the audit chain's key (AUDIT_CHAIN_KEY), all
 * required in every environment.
 */
export function readConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfigWithPersonalDataKeys(
    'petitions',
    {
      ...serviceEnv('petitions', 4003),
      /** Key of the audit log's hash chain (required in every environment, like the personal-data keys). */
      ...auditChainKeyEnv(),
      /** Days for the procedural reply ("every letter gets a reply": 7). */
      PROCEDURAL_REPLY_DAYS: z.coerce.number().int().min(1).default(7),
      /** Months for the progress or result reply (3). */
      RESULT_REPLY_MONTHS: z.coerce.number().int().min(1).default(3),
      /** Days before the procedural deadline it is "coming due" and announced (0: never). */
      PROCEDURAL_DUE_SOON_DAYS: z.coerce.number().int().min(0).max(366).default(2),
      /** Days before the 3-month deadline it is "coming due" and announced (0: never). */
      RESULT_DUE_SOON_DAYS: z.coerce.number().int().min(0).max(366).default(15),
      /** How often the deadline sweep looks for deadlines coming due and missed replies. */
      OVERDUE_SWEEP_MS: z.coerce.number().int().min(100).default(60_000),
      /** Size of a hearing panel (DOMAIN.md: 3 to 7). */
      HEARING_PANEL_MIN: z.coerce.number().int().min(1).default(3),
      /** The largest hearing panel. */
      HEARING_PANEL_MAX: z.coerce.number().int().min(1).default(7),
    },
    env,
  );
}

export type PetitionsConfig = ReturnType<typeof readConfig>;

/** The coming-due warning windows the deadline sweep applies. */
export function comingDueRules(config: Pick<PetitionsConfig, 'PROCEDURAL_DUE_SOON_DAYS' | 'RESULT_DUE_SOON_DAYS'>) {
  return { proceduralDueSoonDays: config.PROCEDURAL_DUE_SOON_DAYS, resultDueSoonDays: config.RESULT_DUE_SOON_DAYS };
}
