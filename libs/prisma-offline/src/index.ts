// Prisma CLI without downloads: the schema engine runs as WebAssembly over @prisma/adapter-pg.
// See libs/prisma-offline/README.md.
export { offlinePrismaEnv, prismaCliNodeArgs, prismaCliPath, schemaEngineBinaryPath } from './offline-env';
export { prismaCli } from './prisma-cli';
export type { PrismaCliOptions, PrismaCliResult } from './prisma-cli';
