/**
 * Deciding one transition of a clue (accept, reject, assign, transfer, open case, close): who may,
 * whether the state machine allows it, and which department holds the clue afterwards. Pure.
 */
import { z } from 'zod';
import type { Identity } from '@pgov/auth';
import { CLUE_DEPARTMENTS, type ClueDepartment } from '@pgov/contracts';
import { Forbidden, InvalidInput, NotFound } from '@pgov/errors';
import { canChangeClue, canSeeClue, type ClueScope } from './clue-access';
import { assertCaseMayOpen, type RiskLevel } from './clue-risk';
import { nextStatus, type ClueAction, type ClueStatus } from './clue-states';

const clueId = z.string().min(1, 'is required');
// The graph declares reason optional so that a missing one is answered here, naming input.reason.
const reason = z
  .string({ required_error: 'is required', invalid_type_error: 'is required' })
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'is required').max(2000, 'must be at most 2000 characters'));
// The department vocabulary is the event contract's, as for categories and sources.
const department = z.enum(CLUE_DEPARTMENTS);

/** The mutations' inputs as clients send them. */
export const transitionInputs = {
  ACCEPT: z.object({ clueId }),
  REJECT: z.object({ clueId, reason }),
  ASSIGN: z.object({ clueId, department }),
  TRANSFER: z.object({ clueId, department, reason }),
  OPEN_CASE: z.object({ clueId }),
  CLOSE_NO_ACTION: z.object({ clueId, reason }),
} satisfies Record<ClueAction, z.ZodTypeAny>;

export interface TransitionRequest {
  action: ClueAction;
  clueId: string;
  department?: ClueDepartment;
  reason?: string;
}

export interface TransitionSubject extends ClueScope {
  id: string;
  status: ClueStatus;
  department: ClueDepartment | null;
  /** Read in the transition's locked transaction: the HIGH-risk gate on OPEN_CASE sees the latest plan. */
  riskLevel: RiskLevel | null;
  handlingPlan: string | null;
}

export interface Transition {
  action: ClueAction;
  from: ClueStatus;
  to: ClueStatus;
  /** Holding the clue before and after (transfers need both). */
  fromDepartment: ClueDepartment | null;
  department: ClueDepartment | null;
  reason: string | null;
}

/**
 * A clue the caller cannot see is NOT_FOUND (another district's clue must not be told apart from
 * a missing one); one they see but may not change is FORBIDDEN; then the state machine decides,
 * and a HIGH-risk clue opens a case only with its handling plan on record.
 */
export function decideTransition(identity: Identity, clue: TransitionSubject | null, request: TransitionRequest): Transition {
  if (!clue || !canSeeClue(identity, clue)) throw new NotFound('Clue', request.clueId);
  if (!canChangeClue(identity, clue)) throw new Forbidden("only the district's procurators and leaders, and city admins, change a clue's state");
  const to = nextStatus(clue.status, request.action, request.reason);
  if (request.action === 'OPEN_CASE') assertCaseMayOpen(clue);
  return {
    action: request.action,
    from: clue.status,
    to,
    fromDepartment: clue.department,
    department: departmentAfter(clue, request),
    reason: request.reason ?? null,
  };
}

function departmentAfter(clue: TransitionSubject, request: TransitionRequest): ClueDepartment | null {
  const wanted = request.department;
  if (request.action === 'TRANSFER' && wanted === clue.department) {
    throw new InvalidInput('input.department', `the clue is already with ${wanted}; transfer it to another department`);
  }
  // The department a clue was transferred to is the one that takes it on.
  if (request.action === 'ASSIGN' && clue.status === 'TRANSFERRED' && wanted !== clue.department) {
    throw new InvalidInput('input.department', `the clue was transferred to ${clue.department}; only that department takes it on`);
  }
  return wanted ?? clue.department;
}
