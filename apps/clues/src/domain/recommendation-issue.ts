/**
 * Issuing a recommendation: the input as clients send it, who may issue for which jurisdiction,
 * and which clues it may cite. Pure: the service loads the cited clues and hands them in.
 */
import { z } from 'zod';
import { canAccessDistrict, type Identity } from '@pgov/auth';
import { RECOMMENDATION_KINDS, type RecommendationKind } from '@pgov/contracts';
import { Forbidden, InvalidInput } from '@pgov/errors';
import { CITY_CODE, isDistrictOfCity } from '@pgov/reference-data';
import { canSeeClue, type ClueScope } from './clue-access';
import { canChangeRecommendation } from './recommendation-access';

const text = (min: number, max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(min, `must be at least ${min} characters`).max(max, `must be at most ${max} characters`));

/** At most this many clues behind one recommendation. */
const MAX_CITED_CLUES = 100;

export const issueRecommendationInput = z.object({
  districtCode: z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code').nullish(),
  kind: z.enum(RECOMMENDATION_KINDS),
  agencyName: text(1, 200),
  agencyKind: text(1, 100),
  title: text(2, 200),
  content: text(1, 20000),
  seriesTag: z.number().int('must be an integer').min(1, 'must be from 1 to 8').max(8, 'must be from 1 to 8').nullish(),
  clueIds: z.array(z.string().min(1, 'is required')).max(MAX_CITED_CLUES, `at most ${MAX_CITED_CLUES} clues`).nullish(),
});

export type IssueRecommendationInput = z.infer<typeof issueRecommendationInput>;

/** What gets stored for a new recommendation before it has a number. */
export interface RecommendationDraft {
  districtCode: string;
  kind: RecommendationKind;
  agencyName: string;
  agencyKind: string;
  title: string;
  content: string;
  seriesTag: number | null;
  clueIds: string[];
  issuedBy: string;
}

/**
 * A district's procurators and leaders issue for their district, city-level ones and city-wide
 * admins for any district or for the city itself (西检建). Another jurisdiction is bad input, as
 * for clues; a role without the right (CLERK, analysts, grid workers) is FORBIDDEN.
 */
export function decideIssue(identity: Identity, input: IssueRecommendationInput): RecommendationDraft {
  const districtCode = input.districtCode ?? identity.district;
  if (!canChangeRecommendation(identity, { districtCode: identity.district })) {
    throw new Forbidden("only the district's procurators and leaders, and city admins, issue recommendations");
  }
  if (districtCode !== CITY_CODE && !isDistrictOfCity(districtCode)) {
    throw new InvalidInput('input.districtCode', 'must be the city or one of its 13 districts');
  }
  if (!canAccessDistrict(identity, districtCode)) throw new InvalidInput('input.districtCode', 'is outside your jurisdiction');

  const clueIds = input.clueIds ?? [];
  clueIds.forEach((id, i) => {
    if (clueIds.indexOf(id) !== i) throw new InvalidInput(`input.clueIds.${i}`, 'is listed twice');
  });
  return {
    districtCode,
    kind: input.kind,
    agencyName: input.agencyName,
    agencyKind: input.agencyKind,
    title: input.title,
    content: input.content,
    seriesTag: input.seriesTag ?? null,
    clueIds,
    issuedBy: identity.subject,
  };
}

/**
 * Every cited clue must exist, be visible to the caller, and belong to the issuing district (a
 * city recommendation may cite any district's). An unseen clue answers like a missing one.
 */
export function checkCitedClues(identity: Identity, draft: RecommendationDraft, found: readonly (ClueScope & { id: string })[]): void {
  const byId = new Map(found.map((c) => [c.id, c]));
  draft.clueIds.forEach((id, i) => {
    const clue = byId.get(id);
    if (!clue || !canSeeClue(identity, clue)) throw new InvalidInput(`input.clueIds.${i}`, 'no such clue');
    if (draft.districtCode !== CITY_CODE && clue.districtCode !== draft.districtCode) {
      throw new InvalidInput(`input.clueIds.${i}`, `is not a clue of district ${draft.districtCode}`);
    }
  });
}
