/**
 * A hearing panel (DOMAIN.md §3): 3 to 7 officers (configurable), each a grids hearing officer or an
 * external officer, and the rules on who may sit. Pure: the ID-number hash is passed in, and the
 * external officer's number is dropped as soon as it is hashed.
 */
import { z } from 'zod';
import { Conflict } from '@pgov/errors';
import { residentIdProblem } from '@pgov/privacy';

export const EXTERNAL_OFFICER_KINDS = [
  'PEOPLES_CONGRESS_DEPUTY',
  'CPPCC_MEMBER',
  'LAWYER',
  'NOTARY',
  'LEGAL_AID_WORKER',
  'GRASSROOTS_LEGAL_SERVICE_WORKER',
  'JUDICIAL_APPRAISER',
  'PEOPLES_SUPERVISOR',
] as const;
export type ExternalOfficerKind = (typeof EXTERNAL_OFFICER_KINDS)[number];

export interface PanelBounds {
  min: number;
  max: number;
}

const EXTERNAL_FIELDS = ['externalKind', 'externalName', 'externalIdNumber'] as const;

/** A grids hearing officer by member id, or an external officer (their number still in clear: hashed by sealPanel). */
type Officer = { memberId: string } | { externalKind: ExternalOfficerKind; externalName: string; externalIdNumber: string };
const FORMS = 'memberId (a grids hearing officer) or externalKind, externalName and externalIdNumber (an external officer)';

const panelistInput = z
  .object({
    memberId: z.string().uuid('must be a member id (uuid)').nullish(),
    externalKind: z.enum(EXTERNAL_OFFICER_KINDS).nullish(),
    externalName: z
      .string()
      .transform((s) => s.trim())
      .pipe(z.string().min(1, 'must not be empty').max(100, 'must be at most 100 characters'))
      .nullish(),
    externalIdNumber: z
      .string()
      .transform((s) => s.trim().toUpperCase())
      .superRefine((v, ctx) => {
        const problem = residentIdProblem(v);
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      })
      .nullish(),
  })
  // Exactly one form; the output says which, so nothing downstream guesses.
  .transform((p, ctx): Officer => {
    const external = EXTERNAL_FIELDS.filter((f) => p[f] != null);
    if (p.memberId != null && external.length === 0) return { memberId: p.memberId };
    if (p.memberId == null && p.externalKind && p.externalName && p.externalIdNumber) {
      return { externalKind: p.externalKind, externalName: p.externalName, externalIdNumber: p.externalIdNumber };
    }
    const missing = EXTERNAL_FIELDS.filter((f) => p[f] == null);
    const message =
      p.memberId != null ? `give either ${FORMS}, not both` : external.length === 0 ? `needs ${FORMS}` : `an external officer also needs ${missing.join(' and ')}`;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    return z.NEVER;
  });

export type PanelistInput = z.infer<typeof panelistInput>;

/** The panel as clients send it; its size is checked before its members, so a wrong size is the first problem named. */
export function panelInput({ min, max }: PanelBounds) {
  const size = `must have from ${min} to ${max} officers`;
  return z.array(panelistInput).min(min, size).max(max, size);
}

/** One officer as stored: who they are (officerKey) and, for externals, their kind, name and ID hash. */
export type NewPanelist =
  | { officerKey: string; memberId: string; externalKind: null; externalName: null; externalIdNumberHash: null }
  | { officerKey: string; memberId: null; externalKind: ExternalOfficerKind; externalName: string; externalIdNumberHash: string };

export const memberOfficerKey = (memberId: string) => `member:${memberId.toLowerCase()}`;
export const externalOfficerKey = (idNumberHash: string) => `external:${idNumberHash}`;

/** The panel to store: officer keys derived, external ID numbers replaced by their keyed hash. */
export function sealPanel(panel: readonly PanelistInput[], hashIdNumber: (idNumber: string) => string): NewPanelist[] {
  return panel.map((p) => {
    if ('memberId' in p) {
      return { officerKey: memberOfficerKey(p.memberId), memberId: p.memberId.toLowerCase(), externalKind: null, externalName: null, externalIdNumberHash: null };
    }
    const hash = hashIdNumber(p.externalIdNumber);
    return { officerKey: externalOfficerKey(hash), memberId: null, externalKind: p.externalKind, externalName: p.externalName, externalIdNumberHash: hash };
  });
}

/** The petitioner as the conflict rule knows them: member id and the keyed hashes of their ID number. */
export interface PetitionerIdentity {
  memberId: string | null;
  idNumberHashes: readonly string[];
}

/** An officer already on another (not cancelled) hearing of the same petition. */
export interface SeatedOfficer {
  officerKey: string;
  hearingId: string;
}

/** CONFLICT naming the panel index (and, for a seat elsewhere, the other hearing); nothing is written. */
export class PanelConflict extends Conflict {
  constructor(
    readonly panelIndex: number,
    readonly reason: string,
    extra: Record<string, unknown> = {},
  ) {
    super(`input.panel.${panelIndex}: ${reason}`, { field: `input.panel.${panelIndex}`, panelIndex, reason, ...extra });
  }
}

/**
 * Throws PanelConflict for the first officer who may not sit: on the panel twice, already on another
 * hearing of this petition, or the petitioner themself (by member id or by ID-number hash).
 */
export function assertPanelMaySit(panel: readonly NewPanelist[], petitioner: PetitionerIdentity, seated: readonly SeatedOfficer[]): void {
  const firstIndex = new Map<string, number>();
  const seatedBy = new Map(seated.map((s) => [s.officerKey, s.hearingId]));
  panel.forEach((p, i) => {
    const earlier = firstIndex.get(p.officerKey);
    if (earlier !== undefined) throw new PanelConflict(i, `the same officer is already on this panel (panel.${earlier})`);
    firstIndex.set(p.officerKey, i);
    if (p.memberId !== null && petitioner.memberId !== null && p.memberId === petitioner.memberId.toLowerCase()) {
      throw new PanelConflict(i, 'the officer is the petitioner and cannot sit on a hearing of their own petition');
    }
    if (p.externalIdNumberHash !== null && petitioner.idNumberHashes.includes(p.externalIdNumberHash)) {
      throw new PanelConflict(i, 'the officer is the petitioner and cannot sit on a hearing of their own petition');
    }
    const hearingId = seatedBy.get(p.officerKey);
    if (hearingId !== undefined) {
      throw new PanelConflict(i, "the officer already sits on another of this petition's hearings", { hearingId });
    }
  });
}
