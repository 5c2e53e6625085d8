import { parseInput } from '@pgov/graphql-kit';
import type { IndicatorsContext } from '../context';
import { decideIndicatorEdit, updateIndicatorInput } from '../domain/catalogue-edit';
import type { IndicatorRow } from '../persistence/indicator.repository';

export const catalogueResolvers = {
  Query: {
    indicators: (_: unknown, __: unknown, ctx: IndicatorsContext) => ctx.indicators.catalogue(),
    indicator: (_: unknown, { code }: { code: string }, ctx: IndicatorsContext) => ctx.loaders.indicator.load(code),
  },
  Mutation: {
    updateIndicator: (_: unknown, { input }: { input: unknown }, ctx: IndicatorsContext) => {
      const { code, changes } = decideIndicatorEdit(ctx.identity, parseInput(updateIndicatorInput, input));
      return ctx.indicators.update(code, changes);
    },
  },
  Indicator: {
    __resolveReference: (ref: { code: string }, ctx: IndicatorsContext) => ctx.loaders.indicator.load(ref.code),
    updatedAt: (i: IndicatorRow) => i.updatedAt.toISOString(),
  },
};
