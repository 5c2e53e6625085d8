import { isUuid } from '@pgov/graphql-kit';
import type { Prisma } from '../generated/prisma/client';
import type { RiskAssessment } from '../domain/clue-risk';
import type { ClueRow } from './clue.repository';
import type { CluesDb } from './prisma';

type Tx = Prisma.TransactionClient;

/** Triage's reads and writes: attachments, possible-duplicate flags, the risk columns. */
export function clueTriageRepository(db: CluesDb) {
  return {
    /** Attachments of several clues in one query; a clue's by name (nothing records the order they came in). */
    attachmentsByClueIds(clueIds: readonly string[]) {
      return db.clueAttachment.findMany({ where: { clueId: { in: clueIds.filter(isUuid) } }, orderBy: [{ clueId: 'asc' }, { name: 'asc' }, { id: 'asc' }] });
    },

    /** Possible-duplicate flags of several (newer) clues in one query, most similar first. */
    duplicatesByClueIds(clueIds: readonly string[]) {
      return db.clueDuplicate.findMany({
        where: { clueId: { in: clueIds.filter(isUuid) } },
        orderBy: [{ similarity: 'desc' }, { duplicateOfId: 'asc' }],
      });
    },

    /** The flag between a clue and an earlier one, if there is one. */
    flag(tx: Tx, clueId: string, duplicateOfId: string) {
      if (!isUuid(clueId) || !isUuid(duplicateOfId)) return Promise.resolve(null);
      return tx.clueDuplicate.findUnique({ where: { clueId_duplicateOfId: { clueId, duplicateOfId } } });
    },

    /** Marks a flag dismissed, unless it already is (the first dismissal stays). */
    async dismiss(tx: Tx, clueId: string, duplicateOfId: string, by: string, at: Date): Promise<void> {
      await tx.clueDuplicate.updateMany({ where: { clueId, duplicateOfId, dismissedAt: null }, data: { dismissedBy: by, dismissedAt: at } });
    },

    /** Writes the assessment on the clue in the caller's transaction. */
    recordRisk(tx: Tx, clueId: string, risk: RiskAssessment): Promise<ClueRow> {
      return tx.clue.update({
        where: { id: clueId },
        data: {
          riskLevel: risk.level,
          riskFactors: risk.factors,
          handlingPlan: risk.handlingPlan,
          riskAssessedBy: risk.assessedBy,
          riskAssessedAt: risk.assessedAt,
        },
      });
    },
  };
}

export type ClueTriageRepository = ReturnType<typeof clueTriageRepository>;
export type ClueAttachmentRow = Awaited<ReturnType<ClueTriageRepository['attachmentsByClueIds']>>[number];
export type ClueDuplicateRow = Awaited<ReturnType<ClueTriageRepository['duplicatesByClueIds']>>[number];
