import { EventContractError, hierarchyChanged, memberRegistered, validateEnvelope, type EnvelopeOf } from '@pgov/contracts';
import type { PersonalDataCipher } from '@pgov/privacy';
import type { NewUnit } from '../domain/hierarchy';
import type { MemberFacts } from '../domain/member-rules';
import type { Prisma } from '../generated/prisma/client';
import { hierarchyChangedEnvelope, memberRegisteredEnvelope } from '../services/grids-events';
import { sealPersonalNumbers } from '../services/member-personal-data';
import type { DemoMember, demoNetwork } from './demo-data';

type Tx = Prisma.TransactionClient;
export type DemoPart = ReturnType<typeof demoNetwork> extends Generator<infer P> ? P : never;

/** Rows per INSERT statement. */
const BATCH = 1000;

/** The row as the database keeps it: the personal numbers only as ciphertexts and a keyed hash. */
function stored(member: DemoMember, cipher: PersonalDataCipher) {
  const { phone, idNumber, ...rest } = member;
  return { ...rest, ...sealPersonalNumbers(cipher, { phone, idNumber }) };
}

async function inBatches<T, R>(rows: readonly T[], write: (batch: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(...(await write(rows.slice(i, i + BATCH))));
  return out;
}

type Announcement =
  | { definition: typeof hierarchyChanged; envelope: EnvelopeOf<typeof hierarchyChanged> }
  | { definition: typeof memberRegistered; envelope: EnvelopeOf<typeof memberRegistered> };

/** What the member rules know of a member (the snapshot is made from it; phone and ID number are not in it). */
const factsOf = (m: DemoMember): MemberFacts => ({
  id: m.id,
  name: m.name,
  team: m.team,
  informantRoles: m.informantRoles,
  status: m.status,
  gridCode: m.gridCode,
  districtCode: m.districtCode,
  hearingOfficerKind: m.hearingOfficerKind,
  joinedOn: m.joinedOn.toISOString().slice(0, 10),
});

/** enqueueEvent's outbox rows (validated against the contract the same way), many per INSERT. */
async function enqueueAll(tx: Tx, announcements: readonly Announcement[]): Promise<void> {
  const rows = announcements.map(({ definition, envelope }) => {
    const result = validateEnvelope(definition, envelope);
    if (!result.ok) throw new EventContractError(definition.type, result.errors);
    return { id: envelope.id, topic: definition.topic, key: envelope.subject, type: definition.type, envelope: envelope as unknown as Prisma.InputJsonValue };
  });
  await inBatches(rows, async (data) => {
    await tx.outboxEvent.createMany({ data });
    return [];
  });
}

export interface WrittenPart {
  units: number;
  members: number;
  events: number;
}

/**
 * One district of the demo network, in the caller's transaction: the rows not there yet, and for
 * each row it inserted, the event the grids service would have announced (grids.hierarchy.changed
 * CREATED, grids.member.registered) in the outbox, so the relay publishes them and the other
 * services (the indicators' coverage) learn of the seeded network. Rows already there were
 * announced by the run that inserted them: a second run writes nothing.
 */
export async function writeDemoPart(tx: Tx, part: DemoPart, cipher: PersonalDataCipher, at: Date): Promise<WrittenPart> {
  const streets = await tx.street.createManyAndReturn({ data: part.streets, skipDuplicates: true, select: { code: true } });
  const communities = await tx.community.createManyAndReturn({ data: part.communities, skipDuplicates: true, select: { code: true } });
  const grids = await inBatches(part.grids, (data) => tx.grid.createManyAndReturn({ data, skipDuplicates: true, select: { code: true } }));
  // Codes are unique across levels: every unit claims its code, as the hierarchy service does.
  const codes = [
    ...part.streets.map((u) => ({ code: u.code, level: 'STREET' as const })),
    ...part.communities.map((u) => ({ code: u.code, level: 'COMMUNITY' as const })),
    ...part.grids.map((u) => ({ code: u.code, level: 'GRID' as const })),
  ];
  await inBatches(codes, async (data) => {
    await tx.unitCode.createMany({ data, skipDuplicates: true });
    return [];
  });
  const members = await inBatches(part.members, (batch) => tx.member.createManyAndReturn({ data: batch.map((m) => stored(m, cipher)), skipDuplicates: true, select: { id: true } }));

  const inserted = new Set([...streets, ...communities, ...grids].map((u) => u.code));
  const streetCode = new Map(part.streets.map((s) => [s.id, s.code]));
  const communityCode = new Map(part.communities.map((c) => [c.id, c.code]));
  const units: NewUnit[] = [
    ...part.streets.map((s) => ({ level: 'STREET' as const, code: s.code, name: s.name, parentCode: s.districtCode, districtCode: s.districtCode })),
    ...part.communities.map((c) => ({ level: 'COMMUNITY' as const, code: c.code, name: c.name, parentCode: streetCode.get(c.streetId)!, districtCode: c.districtCode })),
    ...part.grids.map((g) => ({ level: 'GRID' as const, code: g.code, name: g.name, parentCode: communityCode.get(g.communityId)!, districtCode: g.districtCode })),
  ].filter((u) => inserted.has(u.code));
  const registered = new Set(members.map((m) => m.id));
  const newMembers = part.members.filter((m) => registered.has(m.id));
  // Parents before children and units before their members: the order the outbox publishes in.
  const announcements: Announcement[] = [
    ...units.map((u) => ({ definition: hierarchyChanged, envelope: hierarchyChangedEnvelope(u, 'CREATED', at) })),
    ...newMembers.map((m) => ({ definition: memberRegistered, envelope: memberRegisteredEnvelope(factsOf(m), at) })),
  ];
  await enqueueAll(tx, announcements);
  return { units: units.length, members: newMembers.length, events: announcements.length };
}
