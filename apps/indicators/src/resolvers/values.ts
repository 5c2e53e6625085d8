import { InvalidInput } from '@pgov/errors';
import { PERIOD_EXAMPLES } from '@pgov/reference-data';
import type { IndicatorsContext } from '../context';
import { canSeeIndicatorsOf } from '../domain/indicator-access';
import { isPeriod, type PeriodKind } from '../domain/periods';
import type { IndicatorValueRow } from '../persistence/indicator.repository';

export function assertPeriod(periodKind: PeriodKind, period: string): void {
  if (!isPeriod(periodKind, period)) throw new InvalidInput('period', `is not a ${periodKind.toLowerCase()} like ${PERIOD_EXAMPLES[periodKind]}`);
}

export const valueResolvers = {
  District: {
    __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
    indicatorValues: async (district: { code: string }, { periodKind, period }: { periodKind: PeriodKind; period: string }, ctx: IndicatorsContext) => {
      assertPeriod(periodKind, period);
      if (!canSeeIndicatorsOf(ctx.identity, district.code)) return [];
      return ctx.loaders.values.load({ districtCode: district.code, periodKind, period });
    },
  },
  IndicatorValue: {
    indicator: (v: IndicatorValueRow, _: unknown, ctx: IndicatorsContext) => ctx.loaders.indicator.load(v.indicatorCode),
    updatedAt: (v: IndicatorValueRow) => v.updatedAt.toISOString(),
  },
};
