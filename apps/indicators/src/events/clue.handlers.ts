import { clueAccepted, clueCaseOpened, clueRejected, clueSubmitted } from '@pgov/contracts';
import { clueContributions, type ClueFactState } from '../domain/clue-contributions';
import { clueFacts } from '../persistence/clue-fact.repository';
import { factChange, type FactKind } from '../services/fact-changes';

const clue: FactKind<ClueFactState> = { table: clueFacts, contributions: clueContributions };
const seed = (d: { clueId: string; districtCode: string }) => ({ clueId: d.clueId, districtCode: d.districtCode });

/** clues.clue.v1 → clue_fact → the five clue indicators. The informant (reporterMemberId) is never kept. */
export const clueFactChanges = [
  factChange(clue, clueSubmitted, (e) => seed(e.data), (f, e) => ({
    ...f,
    districtCode: e.data.districtCode,
    source: e.data.source,
    category: e.data.category,
    submittedAt: new Date(e.data.submittedAt),
  })),
  factChange(clue, clueAccepted, (e) => seed(e.data), (f, e) => ({ ...f, districtCode: e.data.districtCode, decision: 'ACCEPTED' as const, decidedAt: new Date(e.data.acceptedAt) })),
  factChange(clue, clueRejected, (e) => seed(e.data), (f, e) => ({ ...f, districtCode: e.data.districtCode, decision: 'REJECTED' as const, decidedAt: new Date(e.data.rejectedAt) })),
  factChange(clue, clueCaseOpened, (e) => seed(e.data), (f, e) => ({ ...f, districtCode: e.data.districtCode, caseOpenedAt: new Date(e.data.openedAt) })),
];
