#!/usr/bin/env node
'use strict';
/*
 * The installed Prisma CLI, run so that no command downloads anything:
 *
 *   node libs/prisma-offline/bin/prisma.cjs migrate deploy --config apps/grids/prisma.config.ts
 *
 * The schema engine is bin/schema-engine.cjs (wasm engine over @prisma/adapter-pg) instead of the native
 * binary from binaries.prisma.sh, and the update check is off. Arguments, stdio and the exit code pass through;
 * an engine that dies makes the command fail (bin/engine-exit-guard.cjs, preloaded into the CLI).
 * Required as a module, it exports the environment it sets and the CLI's node arguments (see src/).
 */

const path = require('node:path');
const { spawn } = require('node:child_process');

const SCHEMA_ENGINE_BINARY = path.join(__dirname, 'schema-engine.cjs');
// require.resolve, so that the image builder's file tracer ships the guard with this file.
const ENGINE_EXIT_GUARD = require.resolve('./engine-exit-guard.cjs');

/** The installed CLI's entry point (node_modules/prisma/build/index.js). */
function prismaCliPath() {
  return path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
}

/** The node arguments that run the CLI with `args`, the engine exit guard preloaded. */
function prismaCliNodeArgs(args) {
  return ['--require', ENGINE_EXIT_GUARD, prismaCliPath(), ...args];
}

/** Environment variables that keep the Prisma CLI from reaching Prisma's servers. */
function offlinePrismaEnv() {
  return {
    // The CLI runs this executable instead of downloading the native schema-engine.
    PRISMA_SCHEMA_ENGINE_BINARY: SCHEMA_ENGINE_BINARY,
    // No version check / telemetry request to checkpoint.prisma.io, no update banner.
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    // Missing engine checksum files are not a reason to go online.
    PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
  };
}

function run(args) {
  const child = spawn(process.execPath, prismaCliNodeArgs(args), {
    stdio: 'inherit',
    env: { ...process.env, ...offlinePrismaEnv() },
  });
  const forward = (signal) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  child.on('error', (error) => {
    process.stderr.write(`prisma-offline: cannot start the Prisma CLI: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeListener(s, forward);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
}

module.exports = { SCHEMA_ENGINE_BINARY, prismaCliPath, prismaCliNodeArgs, offlinePrismaEnv };

if (require.main === module) run(process.argv.slice(2));
