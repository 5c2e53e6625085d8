import { petitionDeadlineMissed, petitionOwnerAssigned, petitionReceived, petitionReplied } from '@pgov/contracts';
import { petitionContributions, withDeadlineMissed, withOwner, withReply, type PetitionFactState } from '../domain/petition-contributions';
import { petitionFacts } from '../persistence/petition-fact.repository';
import { factChange, type FactKind } from '../services/fact-changes';

const petition: FactKind<PetitionFactState> = { table: petitionFacts, contributions: petitionContributions };
const seed = (d: { petitionId: string; districtCode: string }) => ({ petitionId: d.petitionId, districtCode: d.districtCode });

/**
 * petitions.petition.v1 → petition_fact → the reply-deadline and leadership-ownership rates, and
 * what the report's overdue list reads (due, replied and missed instants). Transitions and referrals
 * count for nothing here.
 */
export const petitionFactChanges = [
  factChange(petition, petitionReceived, (e) => seed(e.data), (f, e) => ({
    ...f,
    districtCode: e.data.districtCode,
    category: e.data.category,
    firstTime: e.data.firstTime,
    receivedAt: new Date(e.data.receivedAt),
    proceduralReplyDueAt: new Date(e.data.proceduralReplyDueAt),
    resultReplyDueAt: new Date(e.data.resultReplyDueAt),
  })),
  factChange(petition, petitionReplied, (e) => seed(e.data), (f, e) => ({
    ...withReply(f, { kind: e.data.kind, repliedAt: new Date(e.data.repliedAt), dueAt: new Date(e.data.dueAt), onTime: e.data.onTime }),
    districtCode: e.data.districtCode,
  })),
  factChange(petition, petitionDeadlineMissed, (e) => seed(e.data), (f, e) => ({
    ...withDeadlineMissed(f, { kind: e.data.kind, dueAt: new Date(e.data.dueAt), detectedAt: new Date(e.data.detectedAt) }),
    districtCode: e.data.districtCode,
  })),
  factChange(petition, petitionOwnerAssigned, (e) => seed(e.data), (f, e) => ({
    ...withOwner(f, { category: e.data.category, firstTime: e.data.firstTime, assignedAt: new Date(e.data.assignedAt) }),
    districtCode: e.data.districtCode,
  })),
];
