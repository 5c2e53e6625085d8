/**
 * Deciding one change of a hearing (hold, record an opinion, conclude, cancel): who may, whether the
 * state machine allows it, and what is written. Pure.
 */
import { z } from 'zod';
import type { Identity } from '@pgov/auth';
import { Conflict, NotFound } from '@pgov/errors';
import { canRunHearings } from './hearing-access';
import { HEARING_OPINIONS, majorityOpinion, type HearingOpinion } from './hearing-majority';
import { nextHearingStatus, type HearingAction, type HearingStatus } from './hearing-states';

const id = z.string().min(1, 'is required');
const text = (max: number) =>
  z
    .string({ required_error: 'is required', invalid_type_error: 'is required' })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`));

/** The mutations' inputs as clients send them. */
export const hearingInputs = {
  HOLD: z.object({ hearingId: id }),
  RECORD_OPINION: z.object({ hearingId: id, panelistId: id, opinion: z.enum(HEARING_OPINIONS), text: text(5000).nullish() }),
  CONCLUDE: z.object({ hearingId: id, adopted: z.boolean(), administrativeDisputeResolved: z.boolean(), conclusion: text(20000) }),
  CANCEL: z.object({ hearingId: id, reason: text(2000) }),
} satisfies Record<HearingAction, z.ZodTypeAny>;

export type HearingRequest = { [A in HearingAction]: { action: A } & z.infer<(typeof hearingInputs)[A]> }[HearingAction];

export interface HearingSubject {
  id: string;
  districtCode: string;
  status: HearingStatus;
  panelists: readonly { id: string; opinion: HearingOpinion | null }[];
}

/** What a change writes on the hearing row (and, for an opinion, on one panelist). */
export type HearingChange =
  | { action: 'HOLD'; from: HearingStatus; hearing: { status: HearingStatus; heldAt: Date } }
  | { action: 'RECORD_OPINION'; from: HearingStatus; opinion: { panelistId: string; opinion: HearingOpinion; opinionText: string | null; opinionAt: Date } }
  | {
      action: 'CONCLUDE';
      from: HearingStatus;
      hearing: { status: HearingStatus; concludedAt: Date; majorityOpinion: HearingOpinion; adopted: boolean; administrativeDisputeResolved: boolean; conclusion: string };
    }
  | { action: 'CANCEL'; from: HearingStatus; hearing: { status: HearingStatus; cancelledAt: Date; cancelReason: string } };

/**
 * A hearing the caller may not run is NOT_FOUND (another district's must not be told apart from a
 * missing one; the caller's roles were checked before it was read); then the state machine decides.
 */
export function decideHearingChange(identity: Identity, hearing: HearingSubject | null, request: HearingRequest, now: Date): HearingChange {
  if (!hearing || !canRunHearings(identity, hearing.districtCode)) throw new NotFound('Hearing', request.hearingId);
  const from = hearing.status;
  const to = nextHearingStatus(from, request.action);
  switch (request.action) {
    case 'HOLD':
      return { action: 'HOLD', from, hearing: { status: to, heldAt: now } };
    case 'RECORD_OPINION': {
      if (!hearing.panelists.some((p) => p.id === request.panelistId)) throw new NotFound('HearingPanelist', request.panelistId);
      return { action: 'RECORD_OPINION', from, opinion: { panelistId: request.panelistId, opinion: request.opinion, opinionText: request.text ?? null, opinionAt: now } };
    }
    case 'CONCLUDE': {
      const opinions = hearing.panelists.map((p) => p.opinion).filter((o): o is HearingOpinion => o !== null);
      if (opinions.length < hearing.panelists.length) {
        const missing = hearing.panelists.filter((p) => p.opinion === null).map((p) => p.id);
        throw new Conflict(`${missing.length} of ${hearing.panelists.length} officers have given no opinion yet`, { status: from, missingPanelistIds: missing });
      }
      return {
        action: 'CONCLUDE',
        from,
        hearing: {
          status: to,
          concludedAt: now,
          majorityOpinion: majorityOpinion(opinions),
          adopted: request.adopted,
          administrativeDisputeResolved: request.administrativeDisputeResolved,
          conclusion: request.conclusion,
        },
      };
    }
    case 'CANCEL':
      return { action: 'CANCEL', from, hearing: { status: to, cancelledAt: now, cancelReason: request.reason } };
  }
}
