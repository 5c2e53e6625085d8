import { InvalidInput } from '@pgov/errors';

// Why a personal field is read whole (SECURITY.md: who read which personal field, when, why). Stored in the
// audit row and covered by its hash, so it is text a person reads back: one line, bounded, nothing hidden.

/** Longest reason, in characters (as for a points adjustment's). */
export const AUDIT_REASON_MAX = 500;

/** Control characters (tabs and line breaks too) and the bidirectional controls that reorder what is shown. */
const HIDDEN = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;

/** What is wrong with `reason` as an audit row's why, or null. */
export function auditReasonProblem(reason: string): string | null {
  const text = reason.trim();
  if (text.length === 0) return 'must not be empty';
  if ([...text].length > AUDIT_REASON_MAX) return `must be at most ${AUDIT_REASON_MAX} characters`;
  if (HIDDEN.test(text)) return 'must not contain control characters';
  return null;
}

/**
 * The reason a caller gave for revealing `field` (e.g. Member.phone), trimmed; BAD_USER_INPUT on the
 * argument `reason` when it is missing or unfit.
 */
export function requireRevealReason(reason: string | null | undefined, field: string): string {
  if (reason === null || reason === undefined) throw new InvalidInput('reason', `required to reveal ${field}: say why it is read whole`);
  const problem = auditReasonProblem(reason);
  if (problem) throw new InvalidInput('reason', problem);
  return reason.trim();
}
