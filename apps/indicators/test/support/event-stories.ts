import {
  clueAccepted,
  clueCaseOpened,
  clueRejected,
  clueSubmitted,
  hearingCancelled,
  hearingConcluded,
  hearingHeld,
  hierarchyChanged,
  LEADERSHIP_OWNED_CATEGORIES,
  memberRegistered,
  memberRolesChanged,
  memberStatusChanged,
  memberTrained,
  memberUpdated,
  PETITION_CATEGORIES,
  petitionDeadlineMissed,
  petitionOwnerAssigned,
  petitionReceived,
  petitionReplied,
  recommendationChecked,
  recommendationIssued,
  recommendationOverdue,
  recommendationReplied,
  type MemberSnapshot,
  type RecommendationFacts,
} from '@pgov/contracts';
import { demoUuid, seededRandom } from '@pgov/demo-data';
import type { IncomingMessage } from '@pgov/messaging';
import { addCalendarMonths, chinaDate, DISTRICTS } from '@pgov/reference-data';
import { message } from './indicator-events';

/**
 * Deterministic streams of the events the indicators consume, for all 17 indicators over the 13
 * districts: each entity's story in causal order (as Kafka keeps one key's order), the stories
 * interleaved at random, some events delivered twice. For tests (recount equality over everything)
 * and the consumer benchmark.
 */
export interface StorySizes {
  clues: number;
  recommendations: number;
  petitions: number;
  hearings: number;
  grids: number;
  members: number;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

export function eventStories(seed: number, sizes: StorySizes, windowStart = Date.UTC(2026, 5, 1), windowDays = 180): IncomingMessage[][] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const at = () => windowStart + Math.floor(rnd() * windowDays * DAY);
  const id = (kind: string, i: number) => demoUuid(seed, `${kind}-${i}`);
  const stories: IncomingMessage[][] = [];

  for (let i = 0; i < sizes.clues; i++) {
    const clueId = id('clue', i);
    const districtCode = pick(DISTRICTS).code;
    const facts = {
      clueId,
      number: `${districtCode}-2026-${String(i + 1).padStart(6, '0')}`,
      districtCode,
      gridCode: null,
      source: chance(0.7) ? ('GRID_REPORT' as const) : ('HOTLINE_12309' as const),
      category: pick(['PUBLIC_INTEREST_ECOLOGY', 'PUBLIC_INTEREST_FOOD_DRUG', 'CRIMINAL', 'CIVIL'] as const),
      reporterMemberId: null,
    };
    const t = at();
    const story = [message(clueSubmitted, { ...facts, submittedAt: iso(t) }, { subject: clueId })];
    if (chance(0.8)) {
      const decided = t + Math.floor(rnd() * 20 * DAY);
      if (chance(0.75)) {
        story.push(message(clueAccepted, { ...facts, acceptedBy: 'p', acceptedAt: iso(decided) }, { subject: clueId }));
        if (chance(0.4)) story.push(message(clueCaseOpened, { ...facts, department: 'CIVIL', openedBy: 'p', openedAt: iso(decided + Math.floor(rnd() * 30 * DAY)) }, { subject: clueId }));
      } else {
        story.push(message(clueRejected, { clueId, number: facts.number, districtCode, reason: '不属于检察职能', rejectedBy: 'p', rejectedAt: iso(decided) }, { subject: clueId }));
      }
    }
    stories.push(story);
  }

  for (let i = 0; i < sizes.recommendations; i++) {
    const recommendationId = id('recommendation', i);
    const t = at();
    const replyDueOn = addCalendarMonths(chinaDate(new Date(t)), 2);
    const dueEnd = Date.parse(`${replyDueOn}T16:00:00.000Z`); // 24:00 in China
    const facts: RecommendationFacts = {
      recommendationId,
      documentNumber: `雁检建〔2026〕${i + 1}号`,
      districtCode: pick(DISTRICTS).code,
      kind: 'SOCIAL_GOVERNANCE',
      agencyName: '区住建局',
      replyDueOn,
    };
    const s = { subject: recommendationId };
    const story = [message(recommendationIssued, { ...facts, seriesTag: null, agencyKind: '行政机关', issuedAt: iso(t) }, s)];
    const replied = chance(0.7) ? t + Math.floor(rnd() * 90 * DAY) : null;
    if (replied === null || replied > dueEnd) story.push(message(recommendationOverdue, { ...facts, overdueAt: iso(dueEnd + 3_600_000) }, s));
    if (replied !== null) {
      story.push(message(recommendationReplied, { ...facts, adoption: pick(['ADOPTED', 'PARTLY_ADOPTED', 'NOT_ADOPTED'] as const), onTime: replied <= dueEnd, repliedAt: iso(Math.max(replied, replied > dueEnd ? dueEnd + 7_200_000 : replied)) }, s));
      if (chance(0.5)) story.push(message(recommendationChecked, { ...facts, rectified: chance(0.7), checkedAt: iso(Math.max(replied, dueEnd) + 20 * DAY) }, s));
    }
    stories.push(story);
  }

  const petitionIds: { petitionId: string; districtCode: string }[] = [];
  for (let i = 0; i < sizes.petitions; i++) {
    const petitionId = id('petition', i);
    const districtCode = pick(DISTRICTS).code;
    petitionIds.push({ petitionId, districtCode });
    const t = at();
    const category = pick(PETITION_CATEGORIES);
    const firstTime = chance(0.6);
    const proceduralDue = t + 7 * DAY;
    const resultDue = t + 92 * DAY;
    const s = { subject: petitionId };
    const story = [
      message(petitionReceived, { petitionId, districtCode, channel: 'LETTER', category, firstTime, receivedAt: iso(t), proceduralReplyDueAt: iso(proceduralDue), resultReplyDueAt: iso(resultDue) }, s),
    ];
    const procedural = chance(0.9) ? t + Math.floor(rnd() * 10 * DAY) : null;
    if (procedural === null || procedural > proceduralDue) story.push(message(petitionDeadlineMissed, { petitionId, districtCode, kind: 'PROCEDURAL', dueAt: iso(proceduralDue), detectedAt: iso(proceduralDue + 60_000) }, s));
    if (procedural !== null) story.push(message(petitionReplied, { petitionId, districtCode, kind: 'PROCEDURAL', repliedAt: iso(Math.max(procedural, procedural > proceduralDue ? proceduralDue + 120_000 : procedural)), dueAt: iso(proceduralDue), onTime: procedural <= proceduralDue }, s));
    if (LEADERSHIP_OWNED_CATEGORIES.includes(category) && chance(0.7)) story.push(message(petitionOwnerAssigned, { petitionId, districtCode, category, firstTime, reassigned: false, assignedAt: iso(t + DAY) }, s));
    const result = chance(0.7) ? t + Math.floor(rnd() * 100 * DAY) : null;
    if (result === null || result > resultDue) story.push(message(petitionDeadlineMissed, { petitionId, districtCode, kind: 'RESULT', dueAt: iso(resultDue), detectedAt: iso(resultDue + 60_000) }, s));
    if (result !== null) story.push(message(petitionReplied, { petitionId, districtCode, kind: chance(0.5) ? 'RESULT' : 'PROGRESS', repliedAt: iso(Math.max(result, result > resultDue ? resultDue + 120_000 : result)), dueAt: iso(resultDue), onTime: result <= resultDue }, s));
    stories.push(story);
  }

  for (let i = 0; i < sizes.hearings && petitionIds.length > 0; i++) {
    const hearingId = id('hearing', i);
    const { petitionId, districtCode } = pick(petitionIds);
    const t = at();
    const s = { subject: hearingId };
    if (chance(0.1)) stories.push([message(hearingCancelled, { petitionId, districtCode, hearingId, cancelledAt: iso(t) }, s)]);
    else
      stories.push([
        message(hearingHeld, { petitionId, districtCode, hearingId, heldAt: iso(t) }, s),
        message(hearingConcluded, { petitionId, districtCode, hearingId, majorityOpinion: 'SUPPORT', adopted: chance(0.8), administrativeDisputeResolved: chance(0.3), concludedAt: iso(t + 3_600_000) }, s),
      ]);
  }

  const grids: { code: string; districtCode: string }[] = [];
  for (let i = 0; i < sizes.grids; i++) {
    const districtCode = DISTRICTS[i % DISTRICTS.length]!.code;
    const code = `${districtCode}-S${i}-01-01`;
    grids.push({ code, districtCode });
    const created = windowStart - 30 * DAY + Math.floor(rnd() * 60 * DAY);
    const base = { code, level: 'GRID' as const, name: `第${i}网格`, previousName: null, parentCode: `${districtCode}-S${i}-01`, districtCode };
    const story = [message(hierarchyChanged, { ...base, change: 'CREATED', changedAt: iso(created) }, { subject: code })];
    if (chance(0.1)) story.push(message(hierarchyChanged, { ...base, change: 'RETIRED', changedAt: iso(created + Math.floor(rnd() * 150 * DAY)) }, { subject: code }));
    stories.push(story);
  }

  for (let i = 0; i < sizes.members && grids.length > 0; i++) {
    const memberId = id('member', i);
    const grid = pick(grids);
    let snapshot: MemberSnapshot = {
      memberId,
      districtCode: grid.districtCode,
      gridCode: grid.code,
      team: 'GRID_WORKER',
      informantRoles: chance(0.5) ? ['INFORMATION_OFFICER'] : [],
      status: 'ACTIVE',
      hearingOfficerKind: null,
    };
    let t = at() - 20 * DAY;
    const s = { subject: memberId };
    const story = [message(memberRegistered, { ...snapshot, registeredAt: iso(t) }, s)];
    for (let step = 0; step < 3; step++) {
      t += Math.floor(rnd() * 40 * DAY);
      const r = rnd();
      if (r < 0.3) {
        const previousInformantRoles = snapshot.informantRoles;
        snapshot = { ...snapshot, informantRoles: previousInformantRoles.includes('INFORMATION_OFFICER') ? [] : ['INFORMATION_OFFICER'] };
        story.push(message(memberRolesChanged, { ...snapshot, previousInformantRoles, changedAt: iso(t) }, s));
      } else if (r < 0.45) {
        const previousStatus = snapshot.status;
        snapshot = { ...snapshot, status: previousStatus === 'ACTIVE' ? 'SUSPENDED' : 'ACTIVE' };
        story.push(message(memberStatusChanged, { ...snapshot, previousStatus, changedAt: iso(t) }, s));
      } else if (r < 0.6) {
        const moved = pick(grids.filter((g) => g.districtCode === snapshot.districtCode));
        const previousGridCode = snapshot.gridCode;
        snapshot = { ...snapshot, gridCode: moved.code };
        story.push(message(memberUpdated, { ...snapshot, changedFields: ['gridCode'], previousGridCode: previousGridCode === moved.code ? null : previousGridCode, updatedAt: iso(t) }, s));
      } else if (r < 0.85) {
        story.push(message(memberTrained, { memberId, districtCode: snapshot.districtCode, trainingId: id('training', Math.floor(rnd() * 20)), trainingDistrictCode: snapshot.districtCode, heldOn: chinaDate(new Date(t)), recordedAt: iso(t) }, s));
      }
    }
    stories.push(story);
  }
  return stories;
}

/** The stories merged at random, each story's events kept in order; `duplicateShare` of them delivered twice. */
export function interleave(stories: readonly IncomingMessage[][], seed: number, duplicateShare = 0): IncomingMessage[] {
  const rnd = seededRandom(seed);
  const queues = stories.map((s) => [...s]).filter((s) => s.length > 0);
  const out: IncomingMessage[] = [];
  while (queues.length > 0) {
    const i = Math.floor(rnd() * queues.length);
    const next = queues[i]!.shift()!;
    out.push(next);
    if (rnd() < duplicateShare) out.push(next);
    if (queues[i]!.length === 0) queues.splice(i, 1);
  }
  return out;
}
