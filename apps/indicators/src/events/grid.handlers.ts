import { hierarchyChanged, memberRegistered, memberRolesChanged, memberStatusChanged, memberTrained, memberUpdated, type MemberSnapshot } from '@pgov/contracts';
import { on, type EventHandler } from '@pgov/messaging';
import type { Prisma } from '../generated/prisma/client';
import { COVERAGE, coveragePeriodsFor, spanChange, trainingContributions } from '../domain/grid-contributions';
import { gridFactRepository as facts } from '../persistence/grid-fact.repository';
import { applyFactChange, setStateValues, type ValueChangeOptions } from '../services/value-changes';

type Tx = Prisma.TransactionClient;

/** After grids or spans changed at `at`: coverage of every district and the city, for the periods that change alters. */
async function recomputeCoverage(tx: Tx, at: Date, options: ValueChangeOptions): Promise<void> {
  const periods = coveragePeriodsFor(at, await facts.valuedCoveragePeriods(tx));
  const values = await facts.coverageAt(tx, periods);
  await setStateValues(tx, values.map((v) => ({ ...v, indicator: COVERAGE })), options);
}

/** A member's snapshot at `at`: their span closed and/or opened as their grid and roles say, then coverage. */
async function memberChanged(tx: Tx, snapshot: MemberSnapshot, at: Date, options: ValueChangeOptions): Promise<void> {
  await facts.lockCoverage(tx);
  const change = spanChange(await facts.lockMember(tx, snapshot.memberId), snapshot, at);
  if (!change) return;
  await facts.saveMember(tx, change.after);
  if (change.close) await facts.closeSpan(tx, snapshot.memberId, at);
  if (change.open) await facts.openSpan(tx, change.after);
  if (change.close || change.open) await recomputeCoverage(tx, at, options);
}

/**
 * grids.hierarchy.v1 (grids created and retired) and grids.member.v1 (who is an active
 * information officer where; attendances at trainings) → INFORMANT_GRID_COVERAGE and
 * MEMBERS_TRAINED. Member ids only: the events carry no name, phone or ID number.
 */
export function gridHandlers(options: ValueChangeOptions): EventHandler[] {
  return [
    on(hierarchyChanged, async (e, tx: Tx) => {
      // Streets and communities hold no grids of their own in coverage; a rename changes nothing.
      if (e.data.level !== 'GRID' || e.data.change === 'RENAMED') return;
      const at = new Date(e.data.changedAt);
      await facts.lockCoverage(tx);
      const changed = e.data.change === 'CREATED' ? await facts.createGrid(tx, e.data.code, e.data.districtCode, at) : await facts.retireGrid(tx, e.data.code, at);
      if (changed) await recomputeCoverage(tx, at, options);
    }),
    on(memberRegistered, (e, tx: Tx) => memberChanged(tx, e.data, new Date(e.data.registeredAt), options)),
    on(memberUpdated, (e, tx: Tx) => memberChanged(tx, e.data, new Date(e.data.updatedAt), options)),
    on(memberStatusChanged, (e, tx: Tx) => memberChanged(tx, e.data, new Date(e.data.changedAt), options)),
    on(memberRolesChanged, (e, tx: Tx) => memberChanged(tx, e.data, new Date(e.data.changedAt), options)),
    on(memberTrained, async (e, tx: Tx) => {
      const after = { memberId: e.data.memberId, trainingId: e.data.trainingId, districtCode: e.data.districtCode, heldOn: e.data.heldOn };
      const before = await facts.recordAttendance(tx, after);
      await applyFactChange(tx, trainingContributions(before), trainingContributions(after), options);
    }),
  ] as EventHandler[];
}
