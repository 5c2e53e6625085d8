import { z } from 'zod';
import { canAccessDistrict, hasRole, PROCURATORATE_STAFF, Role, type Identity } from '@pgov/auth';
import { Forbidden, InvalidInput } from '@pgov/errors';
import { isDistrictOfCity } from '@pgov/reference-data';
import { CLUE_CATEGORIES, CLUE_SOURCES, type ClueCategory, type ClueSource } from '@pgov/contracts';

// The vocabularies are the event contract's: one list for the graph input and the published event.
export { CLUE_CATEGORIES, CLUE_SOURCES, type ClueCategory, type ClueSource };

const text = (min: number, max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(min, `must be at least ${min} characters`).max(max, `must be at most ${max} characters`));

/** A GraphQL Int (and the column) holds at most 2^31 - 1: "up to 2 GiB" in practice. */
export const MAX_ATTACHMENT_BYTES = 2_147_483_647;
export const MAX_ATTACHMENTS = 20;
// RFC 6838 type/subtype names, without parameters (e.g. image/jpeg, application/vnd.ms-excel).
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Metadata of one attached file; the file itself stays in the document store. */
export const clueAttachmentInput = z.object({
  name: text(1, 255).refine((s) => !CONTROL_CHARACTERS.test(s), 'must not contain control characters'),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be the hex SHA-256 of the content (64 hexadecimal characters)')
    .transform((s) => s.toLowerCase()),
  size: z.number().int('must be a whole number of bytes').min(0, 'must not be negative').max(MAX_ATTACHMENT_BYTES, 'must be at most 2 GiB'),
  mediaType: z
    .string()
    .trim()
    .regex(MEDIA_TYPE, 'must be a media type like type/subtype, e.g. image/jpeg')
    .transform((s) => s.toLowerCase()),
});

export type NewAttachment = z.infer<typeof clueAttachmentInput>;

/** The mutation's input as clients send it. */
export const submitClueInput = z.object({
  title: text(2, 200),
  description: text(1, 5000),
  category: z.enum(CLUE_CATEGORIES),
  source: z.enum(CLUE_SOURCES).nullish(),
  gridCode: z
    .string()
    .regex(/^\d{6}[0-9A-Za-z-]{1,40}$/, 'must be a grid code: the district code followed by the grid part')
    .nullish(),
  districtCode: z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code').nullish(),
  location: text(1, 300).nullish(),
  attachments: z
    .array(clueAttachmentInput)
    .max(MAX_ATTACHMENTS, `must hold at most ${MAX_ATTACHMENTS} attachments`)
    .nullish()
    .transform((list) => list ?? []),
});

export type SubmitClueInput = z.infer<typeof submitClueInput>;

/** What gets stored for a new clue, decided from the caller and the input; no I/O. */
export interface NewClue {
  title: string;
  description: string;
  category: ClueCategory;
  source: ClueSource;
  districtCode: string;
  gridCode: string | null;
  location: string | null;
  reporterMemberId: string | null;
  submittedBy: string;
  /** Written with the clue, in its transaction; clues born of events have none. */
  attachments?: readonly NewAttachment[];
}

/**
 * Grid workers report from their own district as themselves (their token subject is their member
 * id); procuratorate staff register clues of any source for their jurisdiction, with no informant.
 */
export function decideNewClue(identity: Identity, input: SubmitClueInput): NewClue {
  const gridWorker = hasRole(identity, Role.GRID_WORKER);
  if (!gridWorker && !hasRole(identity, ...PROCURATORATE_STAFF)) throw new Forbidden('only grid workers and procuratorate staff submit clues');

  const districtCode = input.districtCode ?? identity.district;
  if (!isDistrictOfCity(districtCode)) throw new InvalidInput('input.districtCode', 'must be one of the 13 districts of the city');
  if (!canAccessDistrict(identity, districtCode)) {
    throw new InvalidInput('input.districtCode', 'is outside your jurisdiction');
  }

  const source: ClueSource = input.source ?? (gridWorker ? 'GRID_REPORT' : 'HOTLINE_12309');
  if (gridWorker && source !== 'GRID_REPORT') throw new InvalidInput('input.source', 'grid workers submit grid reports only');
  const gridCode = input.gridCode ?? null;
  if (source === 'GRID_REPORT' && !gridCode) throw new InvalidInput('input.gridCode', 'is required for a grid report');
  if (gridCode && !gridCode.startsWith(districtCode)) throw new InvalidInput('input.gridCode', `is not a grid of district ${districtCode}`);

  return {
    title: input.title,
    description: input.description,
    category: input.category,
    source,
    districtCode,
    gridCode,
    location: input.location ?? null,
    reporterMemberId: gridWorker ? identity.subject : null,
    submittedBy: identity.subject,
    attachments: input.attachments,
  };
}

/** Human-readable clue number: district, year, sequence (unique per district and year). */
export function clueNumber(districtCode: string, year: number, seq: number): string {
  return `${districtCode}-${year}-${String(seq).padStart(6, '0')}`;
}
