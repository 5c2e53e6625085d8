/**
 * Deciding one change of a recommendation made through the graph (the agency's reply, the
 * follow-up check, escalation): who may, whether the state machine allows it, and what is written.
 * Pure. Becoming OVERDUE is the sweep's (services/recommendation-overdue-sweep.ts).
 */
import { z } from 'zod';
import type { Identity } from '@pgov/auth';
import { REPLY_ADOPTIONS, type ReplyAdoption } from '@pgov/contracts';
import { Forbidden, NotFound } from '@pgov/errors';
import { canChangeRecommendation, canSeeRecommendation, type RecommendationScope } from './recommendation-access';
import { repliedOnTime } from './recommendation-deadlines';
import { nextRecommendationStatus, type RecommendationStatus } from './recommendation-states';

const text = (max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'is required').max(max, `must be at most ${max} characters`));
const recommendationId = z.string().min(1, 'is required');

/** The mutations' inputs as clients send them. */
export const recommendationChangeInputs = {
  REPLY: z.object({ recommendationId, adoption: z.enum(REPLY_ADOPTIONS), text: text(20000) }),
  CHECK: z.object({ recommendationId, rectified: z.boolean(), note: text(5000) }),
  ESCALATE: z.object({ recommendationId, note: text(5000) }),
};

export type RecommendationChange = keyof typeof recommendationChangeInputs;
export type RecommendationChangeRequest =
  | ({ change: 'REPLY' } & z.infer<(typeof recommendationChangeInputs)['REPLY']>)
  | ({ change: 'CHECK' } & z.infer<(typeof recommendationChangeInputs)['CHECK']>)
  | ({ change: 'ESCALATE' } & z.infer<(typeof recommendationChangeInputs)['ESCALATE']>);

export interface RecommendationSubject extends RecommendationScope {
  id: string;
  status: RecommendationStatus;
  /** YYYY-MM-DD */
  replyDueOn: string;
}

/** What a change writes: the new status, its columns, the history note, and what its event says. */
export type RecommendationTransition = { recommendationId: string; from: RecommendationStatus; to: RecommendationStatus; at: Date; note: string | null } & (
  | { change: 'REPLY'; adoption: ReplyAdoption; text: string; onTime: boolean }
  | { change: 'CHECK'; rectified: boolean }
  | { change: 'ESCALATE' }
);

/**
 * A recommendation the caller cannot see is NOT_FOUND (another district's is not told apart from a
 * missing one); one they see but may not change (CLERK) FORBIDDEN; then the state machine decides.
 */
export function decideRecommendationChange(
  identity: Identity,
  rec: RecommendationSubject | null,
  request: RecommendationChangeRequest,
  at: Date,
): RecommendationTransition {
  if (!rec || !canSeeRecommendation(identity, rec)) throw new NotFound('Recommendation', request.recommendationId);
  if (!canChangeRecommendation(identity, rec)) {
    throw new Forbidden("only the district's procurators and leaders, and city admins, change a recommendation");
  }
  const from = rec.status;
  switch (request.change) {
    case 'REPLY':
      return {
        change: 'REPLY',
        recommendationId: rec.id,
        from,
        to: nextRecommendationStatus(from, 'REPLY'),
        at,
        note: null,
        adoption: request.adoption,
        text: request.text,
        onTime: repliedOnTime(at, rec.replyDueOn),
      };
    case 'CHECK':
      return {
        change: 'CHECK',
        recommendationId: rec.id,
        from,
        to: nextRecommendationStatus(from, request.rectified ? 'CHECK_RECTIFIED' : 'CHECK_NOT_RECTIFIED'),
        at,
        note: request.note,
        rectified: request.rectified,
      };
    case 'ESCALATE':
      return { change: 'ESCALATE', recommendationId: rec.id, from, to: nextRecommendationStatus(from, 'ESCALATE'), at, note: request.note };
  }
}
