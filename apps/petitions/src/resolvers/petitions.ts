import { pageSize, toConnection } from '@pgov/graphql-kit';
import { CITY_CODE } from '@pgov/reference-data';
import { maskIdNumber, maskName, maskPhone, readPersonal } from '@pgov/privacy';
import type { PetitionsContext } from '../context';
import { isOverdue } from '../domain/deadlines';
import { petitionCriteria, queueScope } from '../domain/petition-list';
import { isLeadershipOwned, ownerRequired } from '../domain/petition-ownership';
import { canRevealPetitioner, canSeePetitions } from '../domain/receive-petition';
import { queueCursorKey, type PetitionRow } from '../persistence/petition.repository';
import type { PetitionOwnerChangeRow, PetitionReplyRow, PetitionTransitionRow } from '../persistence/petition-lifecycle.repository';
import { openPetitionerIdNumber, openPetitionerPhone } from '../services/petitioner-personal-data';

interface ListArgs {
  first?: number | null;
  after?: string | null;
  districtCode?: string | null;
  /** PetitionFilter, parsed by petitionCriteria. */
  filter?: unknown;
}

type Input = { input: unknown };

async function visiblePetition(ctx: PetitionsContext, id: string) {
  const p = await ctx.loaders.petition.load(id);
  return p && canSeePetitions(ctx.identity, p.districtCode) ? p : null;
}

/** The intake list of a district (or, for city staff, the city): newest first; outside the caller's jurisdiction, empty. */
async function listPetitions(ctx: PetitionsContext, args: ListArgs) {
  const size = pageSize(args.first);
  const criteria = petitionCriteria(args.filter, ctx.lifecycle.now);
  const requested = args.districtCode ?? ctx.identity.district;
  if (!canSeePetitions(ctx.identity, requested)) return toConnection([], size, () => [], 0);
  const { rows, total } = await ctx.petitions.page(requested === CITY_CODE ? undefined : requested, criteria, size, args.after);
  return toConnection(rows, size, (p) => [p.receivedAt.toISOString(), p.id], total);
}

/** The caller's queue: open petitions they handle (leaders: and their district's unassigned ones), nearest deadline first. */
async function myQueue(ctx: PetitionsContext, args: ListArgs) {
  const size = pageSize(args.first);
  const scope = queueScope(ctx.identity);
  if (!scope) return toConnection([], size, () => [], 0);
  const { rows, total } = await ctx.petitions.queue(scope, size, args.after);
  return toConnection(rows, size, queueCursorKey, total);
}

type PersonalField = 'petitionerName' | 'petitionerIdNumber' | 'petitionerPhone';
const MASKS: Record<PersonalField, (v: string) => string> = { petitionerName: maskName, petitionerIdNumber: maskIdNumber, petitionerPhone: maskPhone };

/** The value in clear (numbers are decrypted here, in memory only), before masking or an audited reveal. */
function clearValue(ctx: PetitionsContext, p: PetitionRow, field: PersonalField): string | null {
  if (field === 'petitionerIdNumber') return openPetitionerIdNumber(ctx.deps.cipher, p);
  if (field === 'petitionerPhone') return openPetitionerPhone(ctx.deps.cipher, p);
  return p.petitionerName;
}

/** A personal field's arguments: reveal it whole, and why (required to reveal; readPersonal checks it). */
type RevealArgs = { reveal?: boolean | null; reason?: string | null };

function personal(p: PetitionRow, field: PersonalField, args: RevealArgs, ctx: PetitionsContext) {
  return readPersonal(ctx.deps.audit, clearValue(ctx, p, field), {
    reveal: args.reveal ?? false,
    entitled: canRevealPetitioner(ctx.identity, p.districtCode),
    mask: MASKS[field],
    read: { actor: ctx.identity, recordType: 'Petition', recordId: p.id, field, reason: args.reason, requestId: ctx.requestId },
  });
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

const ownerOf = (change: PetitionOwnerChangeRow) => ({
  subject: change.ownerSubject,
  name: change.ownerName,
  assignedBy: change.assignedBy,
  assignedAt: change.at.toISOString(),
});

export const petitionResolvers = {
  Query: {
    petition: (_: unknown, { id }: { id: string }, ctx: PetitionsContext) => visiblePetition(ctx, id),
    petitions: (_: unknown, args: ListArgs, ctx: PetitionsContext) => listPetitions(ctx, args),
    myPetitionQueue: (_: unknown, args: ListArgs, ctx: PetitionsContext) => myQueue(ctx, args),
  },
  Mutation: {
    receivePetition: (_: unknown, { input }: Input, ctx: PetitionsContext) => ctx.service.receive(ctx.identity, input),
    recordPetitionReply: (_: unknown, { input }: Input, ctx: PetitionsContext) => ctx.lifecycle.service.reply(ctx.identity, input),
    startPetitionHandling: (_: unknown, { input }: Input, ctx: PetitionsContext) => ctx.lifecycle.service.transition(ctx.identity, 'START', input),
    closePetition: (_: unknown, { input }: Input, ctx: PetitionsContext) => ctx.lifecycle.service.transition(ctx.identity, 'CLOSE', input),
    assignPetitionOwner: (_: unknown, { input }: Input, ctx: PetitionsContext) => ctx.lifecycle.service.assignOwner(ctx.identity, input),
    assignPetitionHandler: (_: unknown, { input }: Input, ctx: PetitionsContext) => ctx.lifecycle.service.assignHandler(ctx.identity, input),
    referPetition: (_: unknown, { input }: Input, ctx: PetitionsContext) => ctx.lifecycle.service.refer(ctx.identity, input),
  },
  District: {
    __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
    petitions: (d: { code: string }, args: ListArgs, ctx: PetitionsContext) => listPetitions(ctx, { ...args, districtCode: d.code }),
  },
  Petition: {
    __resolveReference: (ref: { id: string }, ctx: PetitionsContext) => visiblePetition(ctx, ref.id),
    receivedAt: (p: PetitionRow) => iso(p.receivedAt),
    proceduralReplyDueAt: (p: PetitionRow) => iso(p.proceduralReplyDueAt),
    resultReplyDueAt: (p: PetitionRow) => iso(p.resultReplyDueAt),
    petitionerName: (p: PetitionRow, a: RevealArgs, ctx: PetitionsContext) => personal(p, 'petitionerName', a, ctx),
    petitionerIdNumber: (p: PetitionRow, a: RevealArgs, ctx: PetitionsContext) => personal(p, 'petitionerIdNumber', a, ctx),
    petitionerPhone: (p: PetitionRow, a: RevealArgs, ctx: PetitionsContext) => personal(p, 'petitionerPhone', a, ctx),
    leadershipOwned: (p: PetitionRow) => isLeadershipOwned(p.category),
    ownerRequired: (p: PetitionRow) => ownerRequired(p),
    // The owner is the newest assignment: it names who assigned it.
    owner: async (p: PetitionRow, _: unknown, ctx: PetitionsContext) => {
      if (p.ownerSubject === null) return null;
      const latest = (await ctx.lifecycle.loaders.ownerHistory.load(p.id)).at(-1);
      return latest ? ownerOf(latest) : null;
    },
    ownerHistory: async (p: PetitionRow, _: unknown, ctx: PetitionsContext) => (await ctx.lifecycle.loaders.ownerHistory.load(p.id)).map(ownerOf),
    handler: (p: PetitionRow) => p.handlerSubject,
    nextDueAt: (p: PetitionRow) => iso(p.nextDueAt),
    proceduralRepliedAt: (p: PetitionRow) => iso(p.proceduralRepliedAt),
    resultRepliedAt: (p: PetitionRow) => iso(p.resultRepliedAt),
    overdue: (p: PetitionRow, _: unknown, ctx: PetitionsContext) => isOverdue(p, ctx.lifecycle.now),
    replies: (p: PetitionRow, _: unknown, ctx: PetitionsContext) => ctx.lifecycle.loaders.replies.load(p.id),
    history: (p: PetitionRow, _: unknown, ctx: PetitionsContext) => ctx.lifecycle.loaders.history.load(p.id),
    referredAt: (p: PetitionRow) => iso(p.referredAt),
  },
  PetitionReply: {
    repliedAt: (r: PetitionReplyRow) => r.repliedAt.toISOString(),
  },
  PetitionTransition: {
    at: (t: PetitionTransitionRow) => t.at.toISOString(),
  },
};
