import { InvalidInput } from '@pgov/errors';
import type { IndicatorsContext } from '../context';
import { canSeeIndicatorsOf } from '../domain/indicator-access';
import { isPeriod, type PeriodKind } from '../domain/periods';
import type { IndicatorValueRow } from '../persistence/indicator.repository';

export const resolvers = {
  Query: {
    indicators: (_: unknown, __: unknown, ctx: IndicatorsContext) => ctx.indicators.catalogue(),
    indicator: (_: unknown, { code }: { code: string }, ctx: IndicatorsContext) => ctx.loaders.indicator.load(code),
  },
  Indicator: {
    __resolveReference: (ref: { code: string }, ctx: IndicatorsContext) => ctx.loaders.indicator.load(ref.code),
  },
  District: {
    __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
    indicatorValues: async (
      district: { code: string },
      { periodKind, period }: { periodKind: PeriodKind; period: string },
      ctx: IndicatorsContext,
    ) => {
      if (!isPeriod(periodKind, period)) throw new InvalidInput('period', `is not a ${periodKind.toLowerCase()} like ${EXAMPLES[periodKind]}`);
      if (!canSeeIndicatorsOf(ctx.identity, district.code)) return [];
      return ctx.loaders.values.load({ districtCode: district.code, periodKind, period });
    },
  },
  IndicatorValue: {
    indicator: (v: IndicatorValueRow, _: unknown, ctx: IndicatorsContext) => ctx.loaders.indicator.load(v.indicatorCode),
    updatedAt: (v: IndicatorValueRow) => v.updatedAt.toISOString(),
  },
};

const EXAMPLES: Record<PeriodKind, string> = { MONTH: '2026-11', QUARTER: '2026-Q4', YEAR: '2026' };
