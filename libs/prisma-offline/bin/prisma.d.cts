/** Absolute path of the schema-engine shim (bin/schema-engine.cjs). */
export declare const SCHEMA_ENGINE_BINARY: string;
/** Absolute path of the installed Prisma CLI entry point (node_modules/prisma/build/index.js). */
export declare function prismaCliPath(): string;
/** Environment variables that keep the Prisma CLI offline. */
export declare function offlinePrismaEnv(): Record<string, string>;
/** The node arguments that run the CLI with `args`, with bin/engine-exit-guard.cjs preloaded. */
export declare function prismaCliNodeArgs(args: readonly string[]): string[];
