import { decodeCursor } from '@pgov/graphql-kit';
import type { Prisma } from '../generated/prisma/client';
import type { NewPetition } from '../domain/receive-petition';
import type { PetitionsDb } from './prisma';

type Tx = Prisma.TransactionClient;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PetitionListFilter {
  status?: string[] | null;
  category?: string[] | null;
  receivedFrom?: string | null;
  receivedTo?: string | null;
}

export function petitionRepository(db: PetitionsDb) {
  return {
    byIds(ids: readonly string[]) {
      return db.petition.findMany({ where: { id: { in: ids.filter((id) => UUID.test(id)) } } });
    },
    async page(districtCode: string | undefined, filter: PetitionListFilter, size: number, after: string | null | undefined) {
      const where: Prisma.PetitionWhereInput = {
        ...(districtCode ? { districtCode } : {}),
        ...(filter.status?.length ? { status: { in: filter.status as never } } : {}),
        ...(filter.category?.length ? { category: { in: filter.category as never } } : {}),
        ...(filter.receivedFrom || filter.receivedTo
          ? {
              receivedAt: {
                ...(filter.receivedFrom ? { gte: new Date(filter.receivedFrom) } : {}),
                ...(filter.receivedTo ? { lt: new Date(filter.receivedTo) } : {}),
              },
            }
          : {}),
      };
      const cursor = decodeCursor(after);
      const [rows, total] = await Promise.all([
        db.petition.findMany({
          where: cursor
            ? {
                AND: [
                  where,
                  {
                    OR: [
                      { receivedAt: { lt: new Date(String(cursor[0])) } },
                      { receivedAt: new Date(String(cursor[0])), id: { lt: String(cursor[1]) } },
                    ],
                  },
                ],
              }
            : where,
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
