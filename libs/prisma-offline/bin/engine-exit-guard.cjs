'use strict';
/*
 * Preloaded into the Prisma CLI process by bin/prisma.cjs (`node --require engine-exit-guard.cjs cli.js …`):
 * a schema engine that dies must make the command fail.
 *
 * Why: prisma 7.10.0's CLI wraps each engine call as `try { await call() } finally { await engine.stop() }`,
 * and stop() waits for the engine's `exit` event (or an unref'd timer). When the engine has already exited,
 * that event has been emitted before stop() listens, nothing else keeps the event loop alive, and Node ends
 * the CLI with exit code 0 while the call's error is still pending: `migrate deploy` "succeeds" having
 * applied nothing.
 *
 * Two repairs, for the engine server (the JSON-RPC process, not the short `cli …`/`--version` runs, whose
 * non-zero exit the CLI handles itself):
 * - an `exit` listener added after the engine exited is called at once, so stop() returns and the CLI
 *   reports the error it had (exit code 1);
 * - a backstop: if the engine exited with a non-zero code, or by a signal the CLI did not send, and the CLI
 *   would still exit 0, it exits 1 and says why on stderr.
 */

const childProcess = require('node:child_process');
const path = require('node:path');

const MAX_REPORTED_CHARS = 2000;

/** The CLI starts the engine server as `<PRISMA_SCHEMA_ENGINE_BINARY> [--datamodels …] [--datasource …]`. */
function isEngineServer(file, args) {
  const engine = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
  if (!engine || typeof file !== 'string' || path.resolve(file) !== path.resolve(engine)) return false;
  const list = Array.isArray(args) ? args : [];
  return !list.includes('cli') && !list.some((arg) => arg === '--version' || arg === '-V' || arg === '--help' || arg === '-h');
}

/** The message of the engine's last ERROR log line (JSON on stderr), for the explanation. */
function watchLastError(child, state) {
  let pending = '';
  child.stderr?.on('data', (chunk) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        const entry = JSON.parse(line);
        if (entry && entry.level === 'ERROR' && entry.fields && entry.fields.message) state.lastError = String(entry.fields.message);
      } catch {
        // not a log line
      }
    }
  });
}

const failures = [];

function guard(child) {
  const state = { exited: false, code: null, signal: null, killedByCli: false, lastError: undefined };
  const kill = child.kill.bind(child);
  child.kill = (...args) => {
    state.killedByCli = true;
    return kill(...args);
  };
  watchLastError(child, state);
  child.once('exit', (code, signal) => {
    Object.assign(state, { exited: true, code, signal });
    const abnormal = (code !== null && code !== 0) || (signal !== null && !state.killedByCli);
    if (abnormal) failures.push(state);
  });
  // Listeners added after the exit would never run: call them with the exit's arguments instead.
  for (const method of ['on', 'once', 'addListener']) {
    const original = child[method].bind(child);
    child[method] = (event, listener) => {
      if (event === 'exit' && state.exited && typeof listener === 'function') {
        process.nextTick(() => listener(state.code, state.signal));
        return child;
      }
      return original(event, listener);
    };
  }
}

const spawn = childProcess.spawn;
childProcess.spawn = function spawnGuarded(file, args, options) {
  const child = spawn.call(this, file, args, options);
  if (isEngineServer(file, args)) guard(child);
  return child;
};

function explain(state) {
  const how = state.code !== null ? `with code ${state.code}` : `by signal ${state.signal}`;
  const why = state.lastError ? `: ${state.lastError.slice(0, MAX_REPORTED_CHARS)}` : '';
  return `prisma-offline: the schema engine exited ${how} before the command finished${why}\n`;
}

function failIfEngineDied() {
  if (failures.length === 0 || (process.exitCode !== undefined && process.exitCode !== 0)) return;
  process.stderr.write(explain(failures[0]));
  process.exitCode = 1;
}

// The event loop drained (the CLI's pending error was never reported) …
process.on('beforeExit', failIfEngineDied);
// … or the CLI called process.exit(0) itself.
process.on('exit', (code) => {
  if (code === 0) failIfEngineDied();
});
