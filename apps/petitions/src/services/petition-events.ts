import {
  buildEnvelope,
  petitionDeadlineApproaching,
  petitionDeadlineMissed,
  petitionOwnerAssigned,
  petitionReceived,
  petitionReferralMade,
  petitionReplied,
  petitionTransitioned,
  type ClueCategory,
  type DataOf,
  type EventDefinition,
} from '@pgov/contracts';
import { enqueueEvent, type RawSql } from '@pgov/messaging';
import type { DeadlineKind } from '../domain/deadlines';
import type { ReplyDecision } from '../domain/petition-replies';
import type { PetitionStatus } from '../domain/petition-states';
import type { PetitionRow } from '../persistence/petition.repository';

/**
 * What the petition events say, written to the outbox in the transaction of the change. The
 * petitions.petition.v1 events are partner-readable and keyed by petition id: the petition's facts
 * only, never the petitioner, an owner's or handler's identity, nor a reply's text.
 */
function publish<D extends EventDefinition<unknown, string>>(tx: RawSql, definition: D, subject: string, district: string, data: DataOf<D>, at: Date) {
  return enqueueEvent(tx, definition, buildEnvelope(definition, { subject, district, data }, { source: 'petitions', time: at }));
}

type Facts = Pick<PetitionRow, 'id' | 'districtCode'>;
const facts = (p: Facts) => ({ petitionId: p.id, districtCode: p.districtCode });

export function enqueueReceived(tx: RawSql, p: PetitionRow, at: Date): Promise<void> {
  return publish(
    tx,
    petitionReceived,
    p.id,
    p.districtCode,
    {
      ...facts(p),
      channel: p.channel,
      category: p.category,
      firstTime: p.firstTime,
      receivedAt: p.receivedAt.toISOString(),
      proceduralReplyDueAt: p.proceduralReplyDueAt.toISOString(),
      resultReplyDueAt: p.resultReplyDueAt.toISOString(),
    },
    at,
  );
}

export function enqueueTransitioned(tx: RawSql, p: PetitionRow, from: PetitionStatus | null, to: PetitionStatus, at: Date): Promise<void> {
  return publish(tx, petitionTransitioned, p.id, p.districtCode, { ...facts(p), category: p.category, firstTime: p.firstTime, from, to, at: at.toISOString() }, at);
}

export function enqueueReplied(tx: RawSql, p: PetitionRow, r: ReplyDecision): Promise<void> {
  return publish(
    tx,
    petitionReplied,
    p.id,
    p.districtCode,
    { ...facts(p), kind: r.kind, repliedAt: r.repliedAt.toISOString(), dueAt: r.dueAt.toISOString(), onTime: r.onTime },
    r.repliedAt,
  );
}

export function enqueueOwnerAssigned(tx: RawSql, p: PetitionRow, reassigned: boolean, at: Date): Promise<void> {
  return publish(tx, petitionOwnerAssigned, p.id, p.districtCode, { ...facts(p), category: p.category, firstTime: p.firstTime, reassigned, assignedAt: at.toISOString() }, at);
}

export function enqueueDeadlineMissed(tx: RawSql, p: Facts, kind: DeadlineKind, dueAt: Date, at: Date): Promise<void> {
  return publish(tx, petitionDeadlineMissed, p.id, p.districtCode, { ...facts(p), kind, dueAt: dueAt.toISOString(), detectedAt: at.toISOString() }, at);
}

export function enqueueDeadlineApproaching(tx: RawSql, p: Facts, kind: DeadlineKind, dueAt: Date, at: Date): Promise<void> {
  return publish(tx, petitionDeadlineApproaching, p.id, p.districtCode, { ...facts(p), kind, dueAt: dueAt.toISOString(), detectedAt: at.toISOString() }, at);
}

/** Internal topic petitions.referral.v1, keyed by referral id: the clues service makes one clue of each. */
export function enqueueReferralMade(
  tx: RawSql,
  p: Facts,
  referral: { referralId: string; clueCategory: ClueCategory; title: string; description: string; referredBy: string; at: Date },
): Promise<void> {
  const { referralId, clueCategory, title, description, referredBy, at } = referral;
  return publish(
    tx,
    petitionReferralMade,
    referralId,
    p.districtCode,
    { referralId, petitionId: p.id, districtCode: p.districtCode, clueCategory, title, description, referredBy, referredAt: at.toISOString() },
    at,
  );
}
