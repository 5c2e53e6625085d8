import { isDistrictOfCity } from '@pgov/reference-data';
import type { GridCentreReferralData, PetitionReferralMadeData } from '@pgov/contracts';
import type { NewClue } from './submit-clue';

/** A clue that an event asks for, with the reference that makes a second event about the same thing a no-op. */
export type ReferredClue = NewClue & { originRef: string };

/** An inbound event this service will not act on; its message is the reason the DLQ records. */
export class RefusedEvent extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RefusedEvent';
  }
}

/** Origin references: one clue per petition referral, per grid-centre referral. */
const petitionReferralRef = (referralId: string) => `petition-referral:${referralId}`;
const gridCentreReferralRef = (referralId: string) => `grid-centre:${referralId}`;

/** 信访转线索: the petitions service referred a petition; the clue carries its summary, no petitioner. */
export function clueFromPetitionReferral(r: PetitionReferralMadeData): ReferredClue {
  if (!isDistrictOfCity(r.districtCode)) {
    throw new RefusedEvent(`petition referral ${r.referralId}: district ${r.districtCode} is not one of the 13 districts of the city`);
  }
  return {
    originRef: petitionReferralRef(r.referralId),
    title: r.title.trim(),
    description: r.description.trim(),
    category: r.clueCategory,
    source: 'PETITION',
    districtCode: r.districtCode,
    gridCode: null,
    location: null,
    reporterMemberId: null,
    submittedBy: 'event:petitions',
  };
}

/**
 * 综治中心移送: a district grid centre (a partner) referred a matter. Its district must be one of
 * the city's and its grid, when given, one of that district's; anything else is refused.
 */
export function clueFromGridCentreReferral(r: GridCentreReferralData): ReferredClue {
  const refuse = (why: string) => new RefusedEvent(`grid-centre referral ${r.referralId} from ${r.centreCode}: ${why}`);
  if (!isDistrictOfCity(r.districtCode)) throw refuse(`district ${r.districtCode} is not one of the 13 districts of the city`);
  if (r.gridCode !== null && !r.gridCode.startsWith(r.districtCode)) {
    throw refuse(`grid ${r.gridCode} is not a grid of district ${r.districtCode} (a grid code starts with its district code)`);
  }
  if (r.title.trim().length < 2) throw refuse('the title is blank');
  if (r.description.trim().length === 0) throw refuse('the description is blank');
  return {
    originRef: gridCentreReferralRef(r.referralId),
    title: r.title.trim(),
    description: r.description.trim(),
    category: r.category,
    source: 'GRID_CENTRE_REFERRAL',
    districtCode: r.districtCode,
    gridCode: r.gridCode,
    location: r.location,
    reporterMemberId: null,
    submittedBy: `partner:${r.centreCode}`,
  };
}
