import { pageSize, toConnection } from '@pgov/graphql-kit';
import { CITY_CODE } from '@pgov/reference-data';
import { maskIdNumber, maskName, maskPhone, readPersonal } from '@pgov/privacy';
import type { PetitionsContext } from '../context';
import { canRevealPetitioner, canSeePetitions } from '../domain/receive-petition';
import type { PetitionListFilter, PetitionRow } from '../persistence/petition.repository';

interface ListArgs {
  first?: number | null;
  after?: string | null;
  districtCode?: string | null;
  filter?: PetitionListFilter | null;
}

async function visiblePetition(ctx: PetitionsContext, id: string) {
  const p = await ctx.loaders.petition.load(id);
  return p && canSeePetitions(ctx.identity, p.districtCode) ? p : null;
}

async function listPetitions(ctx: PetitionsContext, args: ListArgs) {
  const size = pageSize(args.first);
  const requested = args.districtCode ?? ctx.identity.district;
  if (!canSeePetitions(ctx.identity, requested)) return toConnection([], size, () => [], 0);
  const { rows, total } = await ctx.petitions.page(requested === CITY_CODE ? undefined : requested, args.filter ?? {}, size, args.after);
  return toConnection(rows, size, (p) => [p.receivedAt.toISOString(), p.id], total);
}

type PersonalField = 'petitionerName' | 'petitionerIdNumber' | 'petitionerPhone';
const MASKS: Record<PersonalField, (v: string) => string> = { petitionerName: maskName, petitionerIdNumber: maskIdNumber, petitionerPhone: maskPhone };

function personal(p: PetitionRow, field: PersonalField, reveal: boolean | undefined, ctx: PetitionsContext) {
  return readPersonal(ctx.db, p[field], {
    reveal: reveal ?? false,
    entitled: canRevealPetitioner(ctx.identity, p.districtCode),
    mask: MASKS[field],
    read: { actor: ctx.identity, recordType: 'Petition', recordId: p.id, field, requestId: ctx.requestId },
  });
}

const iso = (d: Date) => d.toISOString();

export const petitionResolvers = {
  Query: {
    petition: (_: unknown, { id }: { id: string }, ctx: PetitionsContext) => visiblePetition(ctx, id),
    petitions: (_: unknown, args: ListArgs, ctx: PetitionsContext) => listPetitions(ctx, args),
  },
  Mutation: {
    receivePetition: (_: unknown, { input }: { input: unknown }, ctx: PetitionsContext) => ctx.service.receive(ctx.identity, input),
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
    petitionerName: (p: PetitionRow, a: { reveal?: boolean }, ctx: PetitionsContext) => personal(p, 'petitionerName', a.reveal, ctx),
    petitionerIdNumber: (p: PetitionRow, a: { reveal?: boolean }, ctx: PetitionsContext) => personal(p, 'petitionerIdNumber', a.reveal, ctx),
    petitionerPhone: (p: PetitionRow, a: { reveal?: boolean }, ctx: PetitionsContext) => personal(p, 'petitionerPhone', a.reveal, ctx),
  },
};
