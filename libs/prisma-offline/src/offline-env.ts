// The environment that keeps the Prisma CLI offline. Defined once, in bin/prisma.cjs, which the CLI wrapper
// itself uses; this module gives it types.
import {
  SCHEMA_ENGINE_BINARY,
  offlinePrismaEnv as binOfflinePrismaEnv,
  prismaCliNodeArgs as binPrismaCliNodeArgs,
  prismaCliPath as binPrismaCliPath,
} from '../bin/prisma.cjs';

/** Absolute path of the schema-engine replacement (bin/schema-engine.cjs), for PRISMA_SCHEMA_ENGINE_BINARY. */
export const schemaEngineBinaryPath: string = SCHEMA_ENGINE_BINARY;

/** Absolute path of the installed Prisma CLI entry point (node_modules/prisma/build/index.js). */
export function prismaCliPath(): string {
  return binPrismaCliPath();
}

/**
 * The node arguments that run the CLI with `args`: bin/engine-exit-guard.cjs preloaded (an engine that dies
 * makes the command fail instead of exiting 0), then the CLI's entry point.
 */
export function prismaCliNodeArgs(args: readonly string[]): string[] {
  return binPrismaCliNodeArgs(args);
}

/**
 * Environment variables under which no Prisma CLI command downloads anything or phones home:
 * PRISMA_SCHEMA_ENGINE_BINARY (this library's engine), CHECKPOINT_DISABLE, PRISMA_HIDE_UPDATE_MESSAGE,
 * PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING.
 */
export function offlinePrismaEnv(): Record<string, string> {
  return binOfflinePrismaEnv();
}
