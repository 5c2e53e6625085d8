import type { AnyEventDefinition } from './define-event';
import { clueAccepted } from './events/clues/clue-accepted.event';
import { clueAssigned } from './events/clues/clue-assigned.event';
import { clueCaseOpened } from './events/clues/clue-case-opened.event';
import { clueClosedNoAction } from './events/clues/clue-closed-no-action.event';
import { clueRejected } from './events/clues/clue-rejected.event';
import { clueSubmitted } from './events/clues/clue-submitted.event';
import { clueTransferred } from './events/clues/clue-transferred.event';
import { clueRiskAssessed } from './events/clues/clue-risk-assessed.event';
import { recommendationChecked } from './events/clues/recommendation-checked.event';
import { recommendationEscalated } from './events/clues/recommendation-escalated.event';
import { recommendationIssued } from './events/clues/recommendation-issued.event';
import { recommendationOverdue } from './events/clues/recommendation-overdue.event';
import { recommendationReplied } from './events/clues/recommendation-replied.event';
import { personCheckInMissed } from './events/corrections/person-check-in-missed.event';
import { personCheckedIn } from './events/corrections/person-checked-in.event';
import { personEducated } from './events/corrections/person-educated.event';
import { personEnrolled } from './events/corrections/person-enrolled.event';
import { personReleased } from './events/corrections/person-released.event';
import { personReportedIn } from './events/corrections/person-reported-in.event';
import { personWarned } from './events/corrections/person-warned.event';
import { gridCentreReferralSubmitted } from './events/gridcentre/referral-submitted.event';
import { petitionReferralMade } from './events/petitions/petition-referral-made.event';
import { petitionReplied } from './events/petitions/petition-replied.event';
import { petitionTransitioned } from './events/petitions/petition-transitioned.event';
import { hierarchyChanged } from './events/grids/hierarchy-changed.event';
import { memberRegistered } from './events/grids/member-registered.event';
import { memberRolesChanged } from './events/grids/member-roles-changed.event';
import { memberStatusChanged } from './events/grids/member-status-changed.event';
import { memberTrained } from './events/grids/member-trained.event';
import { memberUpdated } from './events/grids/member-updated.event';
import { pointsAdjusted } from './events/grids/points-adjusted.event';
import { pointsCredited } from './events/grids/points-credited.event';
import { trainingHeld } from './events/grids/training-held.event';
import { hearingCancelled } from './events/petitions/hearing-cancelled.event';
import { hearingConcluded } from './events/petitions/hearing-concluded.event';
import { hearingHeld } from './events/petitions/hearing-held.event';
import { hearingScheduled } from './events/petitions/hearing-scheduled.event';
import { petitionDeadlineApproaching } from './events/petitions/petition-deadline-approaching.event';
import { petitionDeadlineMissed } from './events/petitions/petition-deadline-missed.event';
import { petitionOwnerAssigned } from './events/petitions/petition-owner-assigned.event';
import { petitionReceived } from './events/petitions/petition-received.event';
import { indicatorAlertRaised } from './events/indicators/indicator-alert-raised.event';

/** Every event contract of the platform. Add new definitions here. */
export const allEvents: readonly AnyEventDefinition[] = Object.freeze([
  clueSubmitted,
  clueAccepted,
  clueRejected,
  clueAssigned,
  clueTransferred,
  clueCaseOpened,
  clueClosedNoAction,
  clueRiskAssessed,
  recommendationIssued,
  recommendationOverdue,
  recommendationReplied,
  recommendationChecked,
  recommendationEscalated,
  memberRegistered,
  memberUpdated,
  memberStatusChanged,
  memberRolesChanged,
  memberTrained,
  pointsCredited,
  pointsAdjusted,
  hierarchyChanged,
  trainingHeld,
  petitionReceived,
  petitionTransitioned,
  petitionReplied,
  petitionDeadlineMissed,
  petitionDeadlineApproaching,
  petitionOwnerAssigned,
  petitionReferralMade,
  hearingScheduled,
  hearingHeld,
  hearingConcluded,
  hearingCancelled,
  gridCentreReferralSubmitted,
  personEnrolled,
  personReportedIn,
  personCheckedIn,
  personCheckInMissed,
  personWarned,
  personEducated,
  personReleased,
  indicatorAlertRaised,
]);

/**
 * Rules across definitions: one definition per (type, version); a type stays on one topic per
 * version; every event on a topic agrees on partnerReadable (partners are granted whole topics).
 */
export function registryProblems(definitions: readonly AnyEventDefinition[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const topicReadable = new Map<string, boolean>();
  for (const def of definitions) {
    const key = `${def.type}@${def.version}`;
    if (seen.has(key)) problems.push(`${def.type} v${def.version} is defined twice`);
    seen.add(key);
    const readable = topicReadable.get(def.topic);
    if (readable !== undefined && readable !== def.partnerReadable) {
      problems.push(`topic ${def.topic} mixes partner-readable and internal events (${def.type})`);
    }
    topicReadable.set(def.topic, def.partnerReadable);
  }
  return problems;
}

const problems = registryProblems(allEvents);
if (problems.length > 0) throw new Error(`event registry: ${problems.join('; ')}`);

/** The definitions published on `topic` (empty when none). */
export function eventsByTopic(topic: string, definitions = allEvents): AnyEventDefinition[] {
  return definitions.filter((def) => def.topic === topic);
}

/** The definition of `type` at `version`, or its highest version when `version` is omitted. */
export function eventByType(
  type: string,
  version?: number,
  definitions = allEvents,
): AnyEventDefinition | undefined {
  const candidates = definitions.filter((def) => def.type === type);
  if (version !== undefined) return candidates.find((def) => def.version === version);
  return candidates.reduce<AnyEventDefinition | undefined>(
    (best, def) => (best === undefined || def.version > best.version ? def : best),
    undefined,
  );
}

/** Every topic with at least one event, sorted. */
export function allTopics(definitions = allEvents): string[] {
  return [...new Set(definitions.map((def) => def.topic))].sort();
}
