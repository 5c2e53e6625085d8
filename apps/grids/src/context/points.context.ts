import DataLoader from 'dataloader';
import type { GridsDeps, RequestScope } from '../context';
import { pointsRepository, type PointsRepository } from '../persistence/points.repository';
import { effectiveRules, pointsService } from '../services/points.service';

/** Rewards: balances and district amounts batched per request, and the adjustment service. */
export function pointsContext(deps: GridsDeps, scope: RequestScope) {
  const repo: PointsRepository = pointsRepository(deps.db);
  const defaults = { CLUE_ACCEPTED: deps.config.POINTS_CLUE_ACCEPTED, CLUE_CASE_OPENED: deps.config.POINTS_CLUE_CASE_OPENED };
  return {
    repo,
    service: pointsService(deps, scope, repo),
    balance: new DataLoader<string, number>(async (ids) => {
      const map = await repo.balances(ids);
      return ids.map((id) => map.get(id) ?? 0);
    }),
    rules: new DataLoader<string, ReturnType<typeof effectiveRules>>(async (codes) => {
      const own = await repo.rules(codes);
      return codes.map((code) => effectiveRules(code, own.filter((r) => r.districtCode === code), defaults));
    }),
  };
}
