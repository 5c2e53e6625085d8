/**
 * Possible duplicates (DOMAIN.md §2): an earlier clue of the same grid and category with a similar
 * title, within the window, is flagged for the triaging procurator — never merged. Pure: no I/O.
 */
import { z } from 'zod';
import type { Identity } from '@pgov/auth';
import { NotFound } from '@pgov/errors';
import type { ClueScope } from './clue-access';
import type { ClueCategory } from './submit-clue';
import { assertMayTriage } from './clue-triage-access';

const DAY_MS = 86_400_000;

export interface DuplicateRules {
  /** DUPLICATE_WINDOW_DAYS: how far back earlier clues count. */
  windowDays: number;
  /** DUPLICATE_TITLE_SIMILARITY: the least pg_trgm similarity of the titles, 0..1. */
  minSimilarity: number;
}

/** What the store looks for: earlier clues of this grid and category since `submittedFrom`. */
export interface DuplicateCriteria {
  gridCode: string;
  category: ClueCategory;
  title: string;
  submittedFrom: Date;
  minSimilarity: number;
}

/** A clue without a grid (a hotline call, a referral) has no neighbours to be compared with. */
export function duplicateCriteria(
  clue: { gridCode: string | null; category: ClueCategory; title: string; submittedAt: Date },
  rules: DuplicateRules,
): DuplicateCriteria | null {
  if (!clue.gridCode) return null;
  return {
    gridCode: clue.gridCode,
    category: clue.category,
    title: clue.title,
    submittedFrom: new Date(clue.submittedAt.getTime() - rules.windowDays * DAY_MS),
    minSimilarity: rules.minSimilarity,
  };
}

export const dismissPossibleDuplicateInput = z.object({
  clueId: z.string().min(1, 'is required'),
  duplicateOfId: z.string().min(1, 'is required'),
});
export type DismissPossibleDuplicateInput = z.infer<typeof dismissPossibleDuplicateInput>;

/**
 * Whether the caller may dismiss the flag, and whether there is one: a pair that was never flagged
 * is NOT_FOUND. Dismissing twice keeps the first dismissal (`write` false: nothing to write).
 */
export function decideDismissal<C extends ClueScope>(
  identity: Identity,
  clue: C | null,
  flag: { dismissedAt: Date | null } | null,
  input: DismissPossibleDuplicateInput,
): { clue: C; write: boolean } {
  assertMayTriage(identity, clue, input.clueId);
  if (!flag) throw new NotFound('PossibleDuplicate', `${input.clueId}/${input.duplicateOfId}`);
  return { clue, write: flag.dismissedAt === null };
}
