import { clueAccepted, clueCaseOpened, clueRejected, clueSubmitted } from '@pgov/contracts';
import { on } from '@pgov/messaging';
import type { Prisma } from '../generated/prisma/client';
import { clueContributions, type ClueFactState } from '../domain/clue-contributions';
import { clueFactRepository as facts } from '../persistence/clue-fact.repository';
import { applyFactChange, type ValueChangeOptions } from '../services/value-changes';

type Tx = Prisma.TransactionClient;

/** Locks the clue's fact, applies `patch`, and moves the values by the difference in contributions. */
async function change(tx: Tx, clueId: string, districtCode: string, patch: Partial<ClueFactState>, options: ValueChangeOptions) {
  const before = await facts.lock(tx, clueId, districtCode);
  const after: ClueFactState = { ...before, ...patch, districtCode };
  await facts.save(tx, after);
  // The fact as it was before this event: an empty row (first event) contributes nothing.
  await applyFactChange(tx, clueContributions(before), clueContributions(after), options);
}

/** clues.clue.v1 → clue_fact → the five clue indicators. The informant (reporterMemberId) is never kept. */
export function clueHandlers(options: ValueChangeOptions) {
  return [
    on(clueSubmitted, (e, tx: Tx) =>
      change(tx, e.data.clueId, e.data.districtCode, { source: e.data.source, category: e.data.category, submittedAt: new Date(e.data.submittedAt) }, options),
    ),
    on(clueAccepted, (e, tx: Tx) => change(tx, e.data.clueId, e.data.districtCode, { decision: 'ACCEPTED', decidedAt: new Date(e.data.acceptedAt) }, options)),
    on(clueRejected, (e, tx: Tx) => change(tx, e.data.clueId, e.data.districtCode, { decision: 'REJECTED', decidedAt: new Date(e.data.rejectedAt) }, options)),
    on(clueCaseOpened, (e, tx: Tx) => change(tx, e.data.clueId, e.data.districtCode, { caseOpenedAt: new Date(e.data.openedAt) }, options)),
  ];
}
