/** Scheduling a public hearing for a petition: the input, who may, and on which petitions. Pure. */
import { z } from 'zod';
import type { Identity } from '@pgov/auth';
import { Conflict, Forbidden, InvalidInput, NotFound } from '@pgov/errors';
import { canRunHearings, mayRunHearings } from './hearing-access';
import { panelInput, type PanelBounds } from './hearing-panel';

const text = (max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`));

export function scheduleHearingInput(bounds: PanelBounds) {
  return z.object({
    petitionId: z.string().min(1, 'is required'),
    subject: text(200),
    scheduledFor: z.string().datetime({ offset: true, message: 'must be an ISO 8601 date-time' }),
    // The event contract bounds the venue to 200 characters (e.g. 雁塔区综治中心行政争议化解室).
    venue: text(200),
    panel: panelInput(bounds),
  });
}

export type ScheduleHearingInput = z.infer<ReturnType<typeof scheduleHearingInput>>;

/** Petitions no longer handled here: closed, or handed to the clues service. */
const NO_HEARING: readonly string[] = ['CLOSED', 'REFERRED'];

export interface HearingPetition {
  id: string;
  districtCode: string;
  status: string;
}

/** Refused before any record is read: a clerk learns nothing about the petition. */
export function assertMayScheduleHearings(identity: Identity): void {
  if (!mayRunHearings(identity)) throw new Forbidden("only the district's procurators and leaders, and city admins, run public hearings");
}

/** A time in the future by the service's clock. */
export function hearingTime(input: ScheduleHearingInput, now: Date): Date {
  const at = new Date(input.scheduledFor);
  if (at.getTime() <= now.getTime()) throw new InvalidInput('input.scheduledFor', 'must be in the future');
  return at;
}

/**
 * The petition may have a hearing scheduled by this caller: another district's petition is
 * NOT_FOUND (as a missing one), a closed or referred one a CONFLICT naming its status.
 */
export function assertPetitionMayHaveHearing<P extends HearingPetition>(identity: Identity, petition: P | null, petitionId: string): P {
  if (!petition || !canRunHearings(identity, petition.districtCode)) throw new NotFound('Petition', petitionId);
  if (NO_HEARING.includes(petition.status)) {
    throw new Conflict(`a ${petition.status} petition cannot have a hearing scheduled`, { status: petition.status });
  }
  return petition;
}
