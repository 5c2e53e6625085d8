/** Absolute path of the schema-engine shim (bin/schema-engine.cjs). */
export declare const SCHEMA_ENGINE_BINARY: string;
/** Absolute path of the installed Prisma CLI entry point (node_modules/prisma/build/index.js). */
export declare function prismaCliPath(): string;
/** Environment variables that keep the Prisma CLI offline. */
export declare function offlinePrismaEnv(): Record<string, string>;
