/** The panel's outcome once every officer has given an opinion. Pure. */
import { HEARING_OPINIONS } from '@pgov/contracts';

export type HearingOpinion = (typeof HEARING_OPINIONS)[number];
export { HEARING_OPINIONS };

/**
 * The opinion with strictly more votes than each other one; when the most votes are shared (a tie),
 * the panel did not decide and the outcome is ABSTAIN. An empty panel decides nothing: ABSTAIN.
 */
export function majorityOpinion(opinions: readonly HearingOpinion[]): HearingOpinion {
  const votes = new Map<HearingOpinion, number>(HEARING_OPINIONS.map((o) => [o, 0]));
  for (const o of opinions) votes.set(o, (votes.get(o) ?? 0) + 1);
  const most = Math.max(...votes.values());
  const [first, ...others] = HEARING_OPINIONS.filter((o) => votes.get(o) === most);
  return first && others.length === 0 ? first : 'ABSTAIN';
}
