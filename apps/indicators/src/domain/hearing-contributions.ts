import type { Contribution } from './contributions';

/** A public hearing as the indicators keep it (hearing_fact). */
export interface HearingFactState {
  hearingId: string;
  petitionId: string;
  districtCode: string;
  heldAt: Date | null;
  concludedAt: Date | null;
  opinionAdopted: boolean | null;
  administrativeDisputeResolved: boolean | null;
  /** Only a hearing not yet held is cancelled (petitions' hearing states): it never counts. */
  cancelledAt: Date | null;
}

/**
 * What a hearing counts for:
 * - PUBLIC_HEARINGS_HELD: a held hearing, in the month held;
 * - HEARING_OPINION_ADOPTION_RATE: a concluded hearing (denominator) whose majority opinion the
 *   procuratorate adopted (numerator), in the month concluded;
 * - ADMIN_DISPUTES_RESOLVED_AT_HEARINGS: a concluded hearing that resolved an administrative
 *   dispute, in the month concluded.
 */
export function hearingContributions(fact: HearingFactState | null): Contribution[] {
  if (!fact) return [];
  const out: Contribution[] = [];
  const at = (indicator: Contribution['indicator'], when: Date, numerator: number, denominator: number) =>
    out.push({ indicator, districtCode: fact.districtCode, when, numerator, denominator });
  if (fact.heldAt) at('PUBLIC_HEARINGS_HELD', fact.heldAt, 1, 0);
  if (fact.concludedAt) {
    at('HEARING_OPINION_ADOPTION_RATE', fact.concludedAt, fact.opinionAdopted ? 1 : 0, 1);
    if (fact.administrativeDisputeResolved) at('ADMIN_DISPUTES_RESOLVED_AT_HEARINGS', fact.concludedAt, 1, 0);
  }
  return out;
}
