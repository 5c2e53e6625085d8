import { afterNewestFirst, isUuid } from '@pgov/graphql-kit';
import type { PetitionCategory, PetitionStatus, Prisma } from '../generated/prisma/client';
import type { NewPetition } from '../domain/receive-petition';
import type { PetitionsDb } from './prisma';

type Tx = Prisma.TransactionClient;

export interface PetitionListFilter {
  status?: PetitionStatus[] | null;
  category?: PetitionCategory[] | null;
  receivedFrom?: string | null;
  receivedTo?: string | null;
}

export function petitionRepository(db: PetitionsDb) {
  return {
    byIds(ids: readonly string[]) {
      return db.petition.findMany({ where: { id: { in: ids.filter(isUuid) } } });
    },
    async page(districtCode: string | undefined, filter: PetitionListFilter, size: number, after: string | null | undefined) {
      const where: Prisma.PetitionWhereInput = {
        ...(districtCode ? { districtCode } : {}),
        ...(filter.status?.length ? { status: { in: filter.status } } : {}),
        ...(filter.category?.length ? { category: { in: filter.category } } : {}),
        ...(filter.receivedFrom || filter.receivedTo
          ? {
              receivedAt: {
                ...(filter.receivedFrom ? { gte: new Date(filter.receivedFrom) } : {}),
                ...(filter.receivedTo ? { lt: new Date(filter.receivedTo) } : {}),
              },
            }
          : {}),
      };
      const [rows, total] = await Promise.all([
        db.petition.findMany({
          where: { AND: [where, afterNewestFirst(after, 'receivedAt')] },
          orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
          take: size + 1,
        }),
        db.petition.count({ where }),
      ]);
      return { rows, total };
    },
    create(tx: Tx, petition: NewPetition) {
      return tx.petition.create({ data: petition });
    },
  };
}

export type PetitionRow = Awaited<ReturnType<ReturnType<typeof petitionRepository>['byIds']>>[number];
