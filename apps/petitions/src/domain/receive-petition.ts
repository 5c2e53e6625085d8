import { z } from 'zod';
import { canAccessDistrict, hasRole, isCityWide, PROCURATORATE_STAFF, Role, type Identity } from '@pgov/auth';
import { Forbidden, InvalidInput } from '@pgov/errors';
import { mobilePhoneProblem, residentIdProblem } from '@pgov/privacy';
import { isDistrictOfCity } from '@pgov/reference-data';
import { PETITION_CATEGORIES, PETITION_CHANNELS } from '@pgov/contracts';
import { replyDeadlines, type ReplyRules } from './deadlines';
import { trimmed } from './input-rules';

// The vocabularies are the event contract's: one list for the graph input and the published event.
export { PETITION_CATEGORIES, PETITION_CHANNELS };

export const receivePetitionInput = z.object({
  channel: z.enum(PETITION_CHANNELS),
  category: z.enum(PETITION_CATEGORIES),
  districtCode: z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code').nullish(),
  firstTime: z.boolean(),
  content: trimmed(1, 20000),
  petitionerName: trimmed(1, 100),
  petitionerIdNumber: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .superRefine((v, ctx) => {
      const problem = residentIdProblem(v);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    })
    .nullish(),
  petitionerPhone: z
    .string()
    .transform((s) => s.trim())
    .superRefine((v, ctx) => {
      const problem = mobilePhoneProblem(v);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    })
    .nullish(),
  receivedAt: z.string().datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).nullish(),
  petitionerMemberId: z.string().uuid('must be a grids member id (uuid)').nullish(),
});

export type ReceivePetitionInput = z.infer<typeof receivePetitionInput>;

export function decideNewPetition(identity: Identity, input: ReceivePetitionInput, now: Date, rules: ReplyRules) {
  // The 12309 centre's clerks, procurators and leaders register petitions; city staff anywhere.
  if (!hasRole(identity, ...PROCURATORATE_STAFF)) throw new Forbidden('only procuratorate staff register petitions');
  const districtCode = input.districtCode ?? identity.district;
  if (!isDistrictOfCity(districtCode)) throw new InvalidInput('input.districtCode', 'must be one of the 13 districts of the city');
  if (!canAccessDistrict(identity, districtCode)) {
    throw new InvalidInput('input.districtCode', 'is outside your jurisdiction');
  }
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 60_000) throw new InvalidInput('input.receivedAt', 'is in the future');
  const deadlines = replyDeadlines(receivedAt, rules);
  return {
    channel: input.channel,
    category: input.category,
    districtCode,
    firstTime: input.firstTime,
    content: input.content,
    petitionerName: input.petitionerName,
    // In clear only until the service seals them (petitioner-personal-data.ts): never stored so.
    petitionerIdNumber: input.petitionerIdNumber ?? null,
    petitionerPhone: input.petitionerPhone ?? null,
    petitionerMemberId: input.petitionerMemberId ?? null,
    receivedAt,
    receivedBy: identity.subject,
    ...deadlines,
    // In no one's queue until a leader assigns it; the procedural reply is the first deadline.
    handlerSubject: null,
    nextDueAt: deadlines.proceduralReplyDueAt,
  };
}

export type NewPetition = ReturnType<typeof decideNewPetition>;

/** Petitioners' personal data: shown whole to the district's leaders and procurators and to city admins. */
export function canRevealPetitioner(identity: Identity, districtCode: string): boolean {
  if (hasRole(identity, Role.CITY_ADMIN) && isCityWide(identity)) return true;
  return hasRole(identity, Role.LEADER, Role.PROCURATOR) && canAccessDistrict(identity, districtCode);
}

export function canSeePetitions(identity: Identity, districtCode: string): boolean {
  return hasRole(identity, ...PROCURATORATE_STAFF) && canAccessDistrict(identity, districtCode);
}
