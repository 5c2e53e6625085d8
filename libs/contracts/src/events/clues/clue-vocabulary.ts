/** The sources and categories of clues (DOMAIN.md §2), shared by the graph and the events. */
export const CLUE_SOURCES = [
  'GRID_REPORT',
  'HOTLINE_12309',
  'GRID_CENTRE_REFERRAL',
  'COMMUNITY_CORRECTIONS',
  'INTERNAL_TRANSFER',
  'PETITION',
] as const;
export type ClueSource = (typeof CLUE_SOURCES)[number];

export const CLUE_CATEGORIES = [
  'PUBLIC_INTEREST_ECOLOGY',
  'PUBLIC_INTEREST_FOOD_DRUG',
  'PUBLIC_INTEREST_STATE_ASSETS',
  'PUBLIC_INTEREST_LAND',
  'PUBLIC_INTEREST_WORK_SAFETY',
  'PUBLIC_INTEREST_HERITAGE',
  'PUBLIC_INTEREST_MINORS',
  'CRIMINAL',
  'CIVIL',
  'ADMINISTRATIVE',
  'COMMUNITY_CORRECTIONS',
] as const;
export type ClueCategory = (typeof CLUE_CATEGORIES)[number];
