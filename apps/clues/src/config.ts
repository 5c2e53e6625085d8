import { z } from 'zod';
import { loadConfig, serviceEnv } from '@pgov/config';

const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** The clues service's configuration: the only reader of process.env in this app. */
export function readConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(
    'clues',
    {
      ...serviceEnv('clues', 4002),
      /** An open clue is overdue this many days after submission without a final decision. */
      CLUE_DECISION_DAYS: positiveInt(30),
      /** Possible duplicates: earlier clues of the same grid and category within this many days... */
      DUPLICATE_WINDOW_DAYS: positiveInt(30),
      /** ...whose title is at least this similar (pg_trgm similarity, 0..1). */
      DUPLICATE_TITLE_SIMILARITY: z.coerce.number().gt(0).max(1).default(0.3),
      /** The agency must reply in writing within this many months of the issue (DOMAIN.md: two). */
      RECOMMENDATION_REPLY_MONTHS: positiveInt(2),
      /** How often the overdue sweep looks for recommendations past their due date. */
      OVERDUE_SWEEP_MS: z.coerce.number().int().min(100).default(60_000),
      /** Community corrections: reporting in is due within this many days of the judgment taking effect. */
      CORRECTIONS_REPORT_IN_DAYS: positiveInt(10),
      /** Community corrections: more missed check-ins than this raise a supervision clue. */
      CORRECTIONS_MISSED_CHECK_INS_LIMIT: positiveInt(3),
    },
    env,
  );
}

export type CluesConfig = ReturnType<typeof readConfig>;
