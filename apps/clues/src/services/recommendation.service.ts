import type { Identity } from '@pgov/auth';
import { Conflict } from '@pgov/errors';
import { isUuid, parseInput } from '@pgov/graphql-kit';
import { yearInChina, type Clock } from '../domain/clock';
import { replyDueOn } from '../domain/recommendation-deadlines';
import { checkCitedClues, decideIssue, issueRecommendationInput } from '../domain/recommendation-issue';
import { recommendationDocumentNumber } from '../domain/recommendation-number';
import { decideRecommendationChange, recommendationChangeInputs, type RecommendationChangeRequest } from '../domain/recommendation-transition';
import { calendarDay, type RecommendationRepository, type RecommendationRow } from '../persistence/recommendation.repository';
import { Prisma } from '../generated/prisma/client';
import type { CluesDb } from '../persistence/prisma';
import { enqueueChange, enqueueIssued } from './recommendation-events';

// Issues queue on their district's counter row: leave room to wait for it under a burst.
const ISSUE_TX = { maxWait: 10_000, timeout: 20_000 };

/**
 * Write side of recommendations: issuing (number, row, clue links, history, event) and the
 * reply / follow-up check / escalation, each in one transaction with its outbox event.
 */
export function recommendationService(deps: { db: CluesDb; recommendations: RecommendationRepository; clock: Clock; replyMonths: number }) {
  const { db, recommendations, clock, replyMonths } = deps;

  /** Lock, decide, write the state, its history row and its event; concurrent changes queue on the lock. */
  function change(identity: Identity, request: RecommendationChangeRequest): Promise<RecommendationRow> {
    return db.$transaction(async (tx) => {
      const row = await recommendations.lock(tx, request.recommendationId);
      const subject = row && { ...row, replyDueOn: calendarDay(row.replyDueOn) };
      const t = decideRecommendationChange(identity, subject, request, clock());
      const updated = await recommendations.record(tx, t, identity.subject);
      await enqueueChange(tx, updated, t);
      return updated;
    });
  }

  return {
    async issue(identity: Identity, rawInput: unknown): Promise<RecommendationRow> {
      const draft = decideIssue(identity, parseInput(issueRecommendationInput, rawInput));
      try {
        return await db.$transaction(async (tx) => {
          const cited = draft.clueIds.length
            ? await tx.clue.findMany({ where: { id: { in: draft.clueIds.filter(isUuid) } }, select: { id: true, districtCode: true, submittedBy: true, reporterMemberId: true } })
            : [];
          checkCitedClues(identity, draft, cited);
          const issuedAt = clock();
          const year = yearInChina(issuedAt);
          // Taken last, so the counter's row lock is held for as little as possible.
          const seq = await recommendations.nextSeq(tx, draft.districtCode, year);
          const row = await recommendations.create(tx, {
            ...draft,
            documentNumber: recommendationDocumentNumber(draft.districtCode, year, seq),
            year,
            seq,
            issuedAt,
            replyDueOn: replyDueOn(issuedAt, replyMonths),
          });
          await enqueueIssued(tx, row);
          return row;
        }, ISSUE_TX);
      } catch (error) {
        // The unique constraints are the backstop, should the counter ever fall behind the rows.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
          throw new Conflict('that document number is taken; nothing was issued', { reason: 'DOCUMENT_NUMBER_TAKEN' });
        }
        throw error;
      }
    },

    /** ISSUED or OVERDUE → REPLIED: the agency's written answer, on time or late. */
    reply: (identity: Identity, rawInput: unknown) => change(identity, { change: 'REPLY', ...parseInput(recommendationChangeInputs.REPLY, rawInput) }),
    /** REPLIED → RECTIFIED or NOT_RECTIFIED: the follow-up check (回头看). */
    check: (identity: Identity, rawInput: unknown) => change(identity, { change: 'CHECK', ...parseInput(recommendationChangeInputs.CHECK, rawInput) }),
    /** NOT_RECTIFIED → ESCALATED to public-interest litigation. */
    escalate: (identity: Identity, rawInput: unknown) => change(identity, { change: 'ESCALATE', ...parseInput(recommendationChangeInputs.ESCALATE, rawInput) }),
  };
}

export type RecommendationService = ReturnType<typeof recommendationService>;
