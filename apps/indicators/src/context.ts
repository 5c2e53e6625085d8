import DataLoader from 'dataloader';
import type { Identity } from '@pgov/auth';
import { rowLoader } from '@pgov/graphql-kit';
import type { PeriodKind } from './domain/periods';
import { indicatorRepository, type IndicatorRow, type IndicatorValueRow } from './persistence/indicator.repository';
import type { IndicatorsDb } from './persistence/prisma';

interface ValuesKey {
  districtCode: string;
  periodKind: PeriodKind;
  period: string;
}

/** Per-request context with loaders that batch by key (no N+1 across districts). */
export function createContext(db: IndicatorsDb, identity: Identity, requestId: string) {
  const indicators = indicatorRepository(db);
  const keyOf = (k: ValuesKey) => `${k.districtCode}|${k.periodKind}|${k.period}`;
  return {
    identity,
    requestId,
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
