import DataLoader from 'dataloader';
import { chinaDate } from '@pgov/reference-data';
import type { CluesDeps, RequestScope } from '../context';
import { canSeeClue } from '../domain/clue-access';
import { canSeeRecommendation } from '../domain/recommendation-access';
import type { ClueRow } from '../persistence/clue.repository';
import {
  recommendationRepository,
  type RecommendationRow,
  type RecommendationTransitionRow,
} from '../persistence/recommendation.repository';
import { recommendationService } from '../services/recommendation.service';

/** Groups rows under their key, in the rows' order, answering one list per key asked for. */
function grouped<K, R, V>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K, valueOf: (row: R) => V): V[][] {
  const byKey = new Map<K, V[]>();
  for (const row of rows) {
    const list = byKey.get(keyOf(row));
    if (list) list.push(valueOf(row));
    else byKey.set(keyOf(row), [valueOf(row)]);
  }
  return keys.map((k) => byKey.get(k) ?? []);
}

/**
 * Recommendations per request: the write service, the repository, and loaders that batch every
 * nested list of a page into one query per level. The loaders answer only what the caller may see.
 */
export function recommendationContext(deps: CluesDeps, scope: RequestScope) {
  const { db, clock, config } = deps;
  const { identity } = scope;
  const repository = recommendationRepository(db);
  const now = clock();
  return {
    repository,
    service: recommendationService({ db, recommendations: repository, clock, replyMonths: config.RECOMMENDATION_REPLY_MONTHS }),
    /** This request's "now" and its date in China: what overdue is judged against. */
    now,
    today: chinaDate(now),
    loaders: {
      /** Another district's recommendation answers null, as a missing one. */
      recommendation: new DataLoader<string, RecommendationRow | null>(async (ids) => {
        const visible = (await repository.byIds(ids)).filter((r) => canSeeRecommendation(identity, r));
        const byId = new Map(visible.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      cluesOf: new DataLoader<string, ClueRow[]>(async (ids) => {
        const links = (await repository.citedClues(ids)).filter((l) => canSeeClue(identity, l.clue));
        return grouped(ids, links, (l) => l.recommendationId, (l) => l.clue);
      }),
      historyOf: new DataLoader<string, RecommendationTransitionRow[]>(async (ids) =>
        grouped(ids, await repository.transitionsOf(ids), (t) => t.recommendationId, (t) => t),
      ),
      citing: new DataLoader<string, RecommendationRow[]>(async (clueIds) => {
        const links = (await repository.citing(clueIds)).filter((l) => canSeeRecommendation(identity, l.recommendation));
        return grouped(clueIds, links, (l) => l.clueId, (l) => l.recommendation);
      }),
    },
  };
}

export type RecommendationContext = ReturnType<typeof recommendationContext>;
