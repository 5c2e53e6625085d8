import type { IndicatorsDb } from './prisma';
import type { PeriodKind } from '../domain/periods';

export function indicatorRepository(db: IndicatorsDb) {
  return {
    catalogue() {
      return db.indicator.findMany({ orderBy: { code: 'asc' } });
    },
    update(code: string, changes: { name?: string; description?: string; target?: number | null; scope?: 'NATIONAL' | 'REGIONAL'; updatedBy: string }) {
      return db.indicator.update({ where: { code }, data: changes });
    },
    /** Newest first, of one jurisdiction or (null) all. */
    alerts(districtCode: string | null, first: number) {
      return db.indicatorAlert.findMany({ where: districtCode ? { districtCode } : {}, orderBy: [{ raisedAt: 'desc' }, { indicatorCode: 'asc' }], take: first });
    },
    byCodes(codes: readonly string[]) {
      return db.indicator.findMany({ where: { code: { in: [...codes] } } });
    },
    /** Values of many (district, kind, period) keys in one query. */
    values(keys: readonly { districtCode: string; periodKind: PeriodKind; period: string }[]) {
      return db.indicatorValue.findMany({
        where: { OR: keys.map((k) => ({ districtCode: k.districtCode, periodKind: k.periodKind, period: k.period })) },
        orderBy: { indicatorCode: 'asc' },
      });
    },
  };
}

export type IndicatorValueRow = Awaited<ReturnType<ReturnType<typeof indicatorRepository>['values']>>[number];
export type IndicatorRow = Awaited<ReturnType<ReturnType<typeof indicatorRepository>['byCodes']>>[number];
