/**
 * The intake list's filters and the handler's queue, as criteria the store applies. Pure: the time
 * comes from the caller (the service clock).
 */
import { z } from 'zod';
import { hasRole, isCityWide, PROCURATORATE_STAFF, Role, type Identity } from '@pgov/auth';
import { PETITION_CATEGORIES, PETITION_CHANNELS, PETITION_STATUSES } from '@pgov/contracts';
import { InvalidInput } from '@pgov/errors';
import type { PetitionStatus } from './petition-states';
import type { PetitionCategory } from './petition-subject';

const instant = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date or an ISO 8601 instant')
  .transform((s) => new Date(s));

/** PetitionFilter as clients send it. */
export const petitionFilterInput = z.object({
  status: z.array(z.enum(PETITION_STATUSES)).nullish(),
  category: z.array(z.enum(PETITION_CATEGORIES)).nullish(),
  channel: z.array(z.enum(PETITION_CHANNELS)).nullish(),
  firstTime: z.boolean().nullish(),
  overdue: z.boolean().nullish(),
  receivedFrom: instant.nullish(),
  receivedTo: instant.nullish(),
});

/** What the store filters on; an absent criterion does not narrow the list. */
export interface PetitionCriteria {
  status?: PetitionStatus[];
  category?: PetitionCategory[];
  channel?: (typeof PETITION_CHANNELS)[number][];
  firstTime?: boolean;
  /** Received at or after. */
  receivedFrom?: Date;
  /** Received before. */
  receivedTo?: Date;
  /** Its nearest open deadline is before `now` (true), or it has none before then (false). */
  overdue?: { overdue: boolean; now: Date };
}

const nonEmpty = <T>(list: T[] | null | undefined): T[] | undefined => (list?.length ? list : undefined);

/** Parses a PetitionFilter (BAD_USER_INPUT naming e.g. filter.receivedFrom) into criteria at `now`. */
export function petitionCriteria(raw: unknown, now: Date): PetitionCriteria {
  const parsed = petitionFilterInput.safeParse(raw ?? {});
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new InvalidInput(['filter', ...(issue?.path ?? [])].join('.'), issue?.message ?? 'is not a petition filter');
  }
  const f = parsed.data;
  return {
    status: nonEmpty(f.status),
    category: nonEmpty(f.category),
    channel: nonEmpty(f.channel),
    firstTime: f.firstTime ?? undefined,
    receivedFrom: f.receivedFrom ?? undefined,
    receivedTo: f.receivedTo ?? undefined,
    overdue: f.overdue == null ? undefined : { overdue: f.overdue, now },
  };
}

/** Whose open petitions a caller's queue holds; null: none (not procuratorate staff). */
export interface QueueScope {
  handlerSubject: string;
  /** A district leader's queue also holds the district's petitions no one handles yet. */
  unassignedOfDistrict: string | null;
  /** Jurisdiction: a district user's queue holds that district's petitions only (null: city-wide). */
  districtCode: string | null;
}

export function queueScope(identity: Identity): QueueScope | null {
  if (!hasRole(identity, ...PROCURATORATE_STAFF)) return null;
  const cityWide = isCityWide(identity);
  return {
    handlerSubject: identity.subject,
    unassignedOfDistrict: !cityWide && hasRole(identity, Role.LEADER) ? identity.district : null,
    districtCode: cityWide ? null : identity.district,
  };
}
