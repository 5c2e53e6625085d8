import { buildEnvelope, hierarchyChanged, memberRegistered, type EnvelopeOf, type HierarchyChangedData } from '@pgov/contracts';
import type { NewUnit } from '../domain/hierarchy';
import { memberSnapshot, type MemberFacts } from '../domain/member-rules';

// Envelopes of the events the grids service announces, shared by the services and the demo-data
// seed (which writes its rows directly and must announce them as the services would).

const origin = (time: Date) => ({ source: 'grids', time });

/** grids.hierarchy.changed for `unit`, keyed by its code. */
export function hierarchyChangedEnvelope(unit: NewUnit, change: HierarchyChangedData['change'], at: Date, previousName: string | null = null): EnvelopeOf<typeof hierarchyChanged> {
  return buildEnvelope(
    hierarchyChanged,
    {
      subject: unit.code,
      district: unit.districtCode,
      data: {
        code: unit.code,
        level: unit.level,
        change,
        name: unit.name,
        previousName,
        parentCode: unit.parentCode,
        districtCode: unit.districtCode,
        changedAt: at.toISOString(),
      },
    },
    origin(at),
  );
}

/** grids.member.registered: the member's snapshot (never a name, phone or ID number), keyed by the member id. */
export function memberRegisteredEnvelope(member: MemberFacts, at: Date): EnvelopeOf<typeof memberRegistered> {
  return buildEnvelope(
    memberRegistered,
    { subject: member.id, district: member.districtCode, data: { ...memberSnapshot(member), registeredAt: at.toISOString() } },
    origin(at),
  );
}
