import DataLoader from 'dataloader';
import type { Identity } from '@pgov/auth';
import type { Clock } from '@pgov/config';
import { rowLoader } from '@pgov/graphql-kit';
import type { PeriodKind } from './domain/periods';
import { indicatorRepository, type IndicatorRow, type IndicatorValueRow } from './persistence/indicator.repository';
import type { IndicatorsDb } from './persistence/prisma';

interface ValuesKey {
  districtCode: string;
  periodKind: PeriodKind;
  period: string;
}

/** What the service's resolvers need beyond the request: the database and the clock. */
export interface IndicatorsDeps {
  db: IndicatorsDb;
  clock: Clock;
}

/** Per-request context with loaders that batch by key (no N+1 across districts). */
export function createContext(deps: IndicatorsDeps, identity: Identity, requestId: string) {
  const indicators = indicatorRepository(deps.db);
  const keyOf = (k: ValuesKey) => `${k.districtCode}|${k.periodKind}|${k.period}`;
  return {
    identity,
    requestId,
    db: deps.db,
    clock: deps.clock,
    indicators,
    loaders: {
      indicator: rowLoader(indicators.byCodes, (r: IndicatorRow) => r.code),
      values: new DataLoader<ValuesKey, IndicatorValueRow[], string>(
        async (keys) => {
          const rows = await indicators.values(keys);
          return keys.map((k) => rows.filter((r) => keyOf(r as ValuesKey) === keyOf(k)));
        },
        { cacheKeyFn: keyOf },
      ),
    },
  };
}

export type IndicatorsContext = ReturnType<typeof createContext>;
