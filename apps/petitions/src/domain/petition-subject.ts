import type { PETITION_CATEGORIES } from '@pgov/contracts';
import type { DeadlineState } from './deadlines';

export type PetitionCategory = (typeof PETITION_CATEGORIES)[number];

/** What the life-cycle rules read of a petition (locked for the change being decided). */
export interface PetitionSubject extends DeadlineState {
  id: string;
  districtCode: string;
  category: PetitionCategory;
  firstTime: boolean;
  ownerSubject: string | null;
  ownerName: string | null;
}
