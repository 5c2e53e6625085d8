import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type GridsDb = PrismaClient;

/** The Prisma client over node-postgres (driver adapter: no engine binary to download). */
export function createDb(databaseUrl: string): GridsDb {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}
