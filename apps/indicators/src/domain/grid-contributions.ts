import { periodInstants } from '@pgov/reference-data';
import type { Contribution } from './contributions';
import { periodsOf, type PeriodKind } from './periods';

/**
 * The two indicators kept from grids.hierarchy.v1 and grids.member.v1:
 *
 * - MEMBERS_TRAINED: attendances of members at trainings (人次), one per (member, training), in the
 *   member's district and the periods of the training's date (heldOn, a China date). A count kept
 *   by contributions, like the clue indicators.
 *
 * - INFORMANT_GRID_COVERAGE, a state: grids with an information officer / grids, as of the END of
 *   the period (the last instant before it ends). A grid counts in the denominator when it was
 *   created before the end and not retired before it; in the numerator when, besides, a member was
 *   then an ACTIVE INFORMATION_OFFICER of it: an informant span [from, to) with from < end and
 *   (to open or to >= end). A span opens when a member becomes an active information officer of a
 *   grid and closes when they stop being one or move to another grid. A grid counts in its own
 *   district. Values exist for the periods in which some grid or span started or ended (anywhere in
 *   the city), for every district that has grids, and the city (the sum of the districts); a period
 *   without any change has no value.
 */
export const COVERAGE = 'INFORMANT_GRID_COVERAGE';

/** One member's attendance at one training (training_attendance_fact). */
export interface TrainingAttendance {
  memberId: string;
  trainingId: string;
  districtCode: string;
  /** China date 'YYYY-MM-DD'. */
  heldOn: string;
}

export function trainingContributions(attendance: TrainingAttendance | null): Contribution[] {
  if (!attendance) return [];
  return [{ indicator: 'MEMBERS_TRAINED', districtCode: attendance.districtCode, when: attendance.heldOn, numerator: 1, denominator: 0 }];
}

/** A member as the indicators keep it (member_fact): their grid and whether they are an active information officer. */
export interface MemberFactState {
  memberId: string;
  districtCode: string;
  gridCode: string;
  informant: boolean;
  changedAt: Date;
}

/** What member events say of a member, as far as coverage is concerned. */
export interface MemberPlacement {
  memberId: string;
  districtCode: string;
  gridCode: string;
  status: string;
  informantRoles: readonly string[];
}

export function isActiveInformationOfficer(m: Pick<MemberPlacement, 'status' | 'informantRoles'>): boolean {
  return m.status === 'ACTIVE' && m.informantRoles.includes('INFORMATION_OFFICER');
}

/** How an event at `at` changes a member's informant span: close the open one, open a new one (in the member's grid now). */
export interface SpanChange {
  close: boolean;
  open: boolean;
  after: MemberFactState;
}

/**
 * The member's span change for an event saying `now` at `at`; null for an event older than what is
 * kept (member events come in order per member, so only a replayed stale copy is older).
 */
export function spanChange(before: MemberFactState | null, now: MemberPlacement, at: Date): SpanChange | null {
  if (before && at < before.changedAt) return null;
  const after: MemberFactState = { memberId: now.memberId, districtCode: now.districtCode, gridCode: now.gridCode, informant: isActiveInformationOfficer(now), changedAt: at };
  const moved = before !== null && before.gridCode !== after.gridCode;
  const wasInformant = before?.informant ?? false;
  return { close: wasInformant && (!after.informant || moved), open: after.informant && (!wasInformant || moved), after };
}

/** A period and its end, the instant coverage is taken at. */
export interface CoveragePeriod {
  periodKind: PeriodKind;
  period: string;
  end: Date;
}

const KINDS: readonly PeriodKind[] = ['MONTH', 'QUARTER', 'YEAR'];

function withEnd(periodKind: PeriodKind, period: string): CoveragePeriod {
  const instants = periodInstants(periodKind, period);
  if (!instants) throw new RangeError(`not a ${periodKind}: ${period}`);
  return { periodKind, period, end: instants.end };
}

/**
 * The periods whose coverage a change of facts at `at` alters: its month, quarter and year, and
 * every period that already has a value and ends after `at` (its state includes the change; there
 * are some only when events come out of time order, e.g. a member's topic replayed before the
 * hierarchy's), so that the values do not depend on the order events are processed in.
 */
export function coveragePeriodsFor(at: Date, valued: readonly { periodKind: PeriodKind; period: string }[]): CoveragePeriod[] {
  const own = periodsOf(at);
  const out = new Map<string, CoveragePeriod>(KINDS.map((k) => [`${k}|${own[k]}`, withEnd(k, own[k])]));
  for (const v of valued) {
    const key = `${v.periodKind}|${v.period}`;
    if (out.has(key)) continue;
    const p = withEnd(v.periodKind, v.period);
    if (p.end > at) out.set(key, p);
  }
  return [...out.values()];
}
