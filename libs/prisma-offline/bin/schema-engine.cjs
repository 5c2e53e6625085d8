#!/usr/bin/env node
'use strict';
/*
 * A drop-in replacement for Prisma's native `schema-engine` binary, for machines that cannot download it.
 *
 * The Prisma CLI runs whatever executable PRISMA_SCHEMA_ENGINE_BINARY names. This one speaks the native
 * binary's interface and delegates to the same engine compiled to WebAssembly (@prisma/schema-engine-wasm),
 * which reaches PostgreSQL through a driver adapter (@prisma/adapter-pg over pg):
 *
 *   schema-engine.cjs --version
 *   schema-engine.cjs [--datamodels <file>]... [--datasource <json>]            JSON-RPC 2.0 server on stdio
 *   schema-engine.cjs --datasource <json> cli can-connect-to-database | create-database | drop-database
 *
 * Server mode: one request per line on stdin, one response per line on stdout; `diff` output goes back to
 * the CLI as a `print` request, as the native binary does. Logs are JSON lines on stderr (tracing format).
 * PostgreSQL only. Built against prisma 7.10.0 and @prisma/schema-engine-wasm 7.10.0-4.0edf323e…
 *
 * What it fixes on the way (each is explained where it is done):
 * - catalog columns of types "char", name, name[] (OIDs 18, 19, 1003) are read as text (CatalogTextClient);
 * - a migration script goes to PostgreSQL as one query, so `$$` bodies survive (openAdapter);
 * - pg gets host/user/database as separate fields, never a connectionString (pgSettings);
 * - the shadow database comes from the adapter factory; its pool is closed before it is dropped;
 * - evaluateDataLoss/createMigration after applied migrations: migration-history cache (withMigrationHistoryCache);
 * - `createDatabase`/`dropDatabase`/`cli …` are done with pg (the wasm engine has no such methods);
 * - errors are answered in the native shape (error_code, message), a failed migration as P3018;
 * - a wasm engine that cannot be loaded is each request's error, not a crash before any answer.
 */

const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { randomUUID } = require('node:crypto');
const { pathToFileURL } = require('node:url');

/** Loads `name` as seen from the installed package `parent`, so that we share the parent's copy. */
function requireFrom(parent, name) {
  return require(require.resolve(name, { paths: [path.dirname(require.resolve(parent))] }));
}

const { PrismaPg } = require('@prisma/adapter-pg');
const pg = requireFrom('@prisma/adapter-pg', 'pg');
const { parse: parseConnectionString } = requireFrom('@prisma/adapter-pg', 'pg-connection-string');
const { bindMigrationAwareSqlAdapterFactory } = requireFrom('@prisma/adapter-pg', '@prisma/driver-adapter-utils');

const WASM_PACKAGE = '@prisma/schema-engine-wasm';
const LOG_TARGET = 'schema_engine';
const ERROR_TARGET = 'schema_engine::logger';
const JSON_RPC_SERVER_ERROR = 4466;
const SHUTDOWN_TIMEOUT_MS = 4000;

// ---------------------------------------------------------------------------------------------------------
// Logging: JSON lines on stderr, in the shape of the native binary's tracing output (the CLI parses them).

const infoEnabled = /\b(info|debug|trace)\b/i.test(process.env.RUST_LOG ?? 'info');
const debugEnabled = /\b(debug|trace)\b/i.test(process.env.RUST_LOG ?? '');

function log(level, message, fields = {}, target = LOG_TARGET) {
  if (level === 'INFO' && !infoEnabled) return;
  if (level === 'DEBUG' && !debugEnabled) return;
  const line = { timestamp: new Date().toISOString(), level, fields: { message, ...fields }, target };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

// ---------------------------------------------------------------------------------------------------------
// Command line.

function usage() {
  return [
    'schema-engine (prisma-offline: @prisma/schema-engine-wasm over @prisma/adapter-pg)',
    '',
    'USAGE:',
    '    schema-engine [--datamodels <FILE>]... [--datasource <JSON>] [cli <SUBCOMMAND>]',
    '',
    'Without a subcommand, starts a JSON-RPC 2.0 server over stdio.',
    'cli subcommands: can-connect-to-database, create-database, drop-database',
  ].join('\n');
}

function parseArgs(argv) {
  const options = { datamodels: [], datasource: {}, version: false, help: false, cli: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new Error(`Missing value for ${flag}`);
      return next;
    };
    switch (flag) {
      case '-V':
      case '--version':
        options.version = true;
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '-d':
      case '--datamodels':
      case '--datamodel':
        options.datamodels.push(value());
        break;
      case '--datasource':
        options.datasource = JSON.parse(value());
        break;
      case '--enabled-preview-features':
      case '--extension-types':
        log('DEBUG', `Ignoring ${flag}`, { value: value() });
        break;
      case 'cli':
        options.cli = argv[++i];
        if (!options.cli) throw new Error('Missing cli subcommand');
        break;
      default:
        throw new Error(`Unknown argument: ${arg}\n\n${usage()}`);
    }
  }
  return options;
}

function engineVersion() {
  // "7.10.0-4.0edf323efd1d98336f3f0a68684b56f689b900d3" -> the engine commit hash, as the native binary prints.
  const bg = require.resolve(`${WASM_PACKAGE}/schema_engine_bg`);
  const { version } = JSON.parse(fs.readFileSync(path.join(path.dirname(bg), 'package.json'), 'utf8'));
  return version.slice(version.lastIndexOf('.') + 1);
}

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL connections.

// Catalog column types the driver adapter cannot read; the engine only needs them as text.
const TEXT = 25;
const TEXT_ARRAY = 1009;
const READ_AS_TEXT = new Set([18 /* "char" */, 19 /* name */, 24 /* regproc */, 194 /* pg_node_tree */, 2205 /* regclass */, 2206 /* regtype */]);
const READ_AS_TEXT_ARRAY = new Set([1003 /* name[] */]);
const parseTextArray = pg.types.getTypeParser(TEXT_ARRAY, 'text');

function readCatalogTypesAsText(result) {
  if (Array.isArray(result)) {
    result.forEach(readCatalogTypesAsText);
    return result;
  }
  if (!result || !Array.isArray(result.fields)) return result;
  result.fields.forEach((field, index) => {
    if (READ_AS_TEXT.has(field.dataTypeID)) {
      field.dataTypeID = TEXT;
    } else if (READ_AS_TEXT_ARRAY.has(field.dataTypeID)) {
      field.dataTypeID = TEXT_ARRAY;
      for (const row of result.rows) {
        const key = Array.isArray(row) ? index : field.name;
        if (typeof row[key] === 'string') row[key] = parseTextArray(row[key]);
      }
    }
  });
  return result;
}

/**
 * The last error PostgreSQL reported during the current request, to explain a failed request (the adapter
 * passes the engine only an error kind). The query that made a request fail is the last one that failed.
 */
let lastDatabaseError;

function recordDatabaseError(error) {
  if (error && typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code)) {
    lastDatabaseError = { code: error.code, message: error.message };
  }
}

/** A pg client whose results report catalog types (name, "char", name[] …) as text, which the adapter reads. */
class CatalogTextClient extends pg.Client {
  query(config, values, callback) {
    if (typeof values === 'function') {
      callback = values;
      values = undefined;
    }
    if (typeof callback === 'function') {
      return super.query(config, values, (error, result) => {
        if (error) recordDatabaseError(error);
        callback(error, error ? result : readCatalogTypesAsText(result));
      });
    }
    const pending = super.query(config, values);
    if (!pending || typeof pending.then !== 'function') return pending;
    return pending.then(readCatalogTypesAsText, (error) => {
      recordDatabaseError(error);
      throw error;
    });
  }
}

const MISSING_URL = 'The datasource URL is missing: set datasource.url in prisma.config.ts.';

/** Stands in for a connection when no datasource URL was given; fails when first used. */
class MissingUrlClient extends pg.Client {
  connect(callback) {
    const error = new UserFacingError('P1012', MISSING_URL);
    if (typeof callback === 'function') {
      process.nextTick(callback, error);
      return undefined;
    }
    return Promise.reject(error);
  }
}

/**
 * Connection settings for pg as separate fields. A `connectionString` would override `database`, which would
 * send a shadow-database connection to the main database.
 */
function pgSettings(url) {
  if (typeof url !== 'string' || url.length === 0) {
    throw new UserFacingError('P1012', MISSING_URL);
  }
  const parsed = parseConnectionString(url);
  const config = {
    host: parsed.host || undefined,
    port: parsed.port ? Number(parsed.port) : undefined,
    user: parsed.user || undefined,
    password: parsed.password,
    database: parsed.database || undefined,
    ssl: parsed.ssl,
    application_name: parsed.application_name || 'prisma-offline-schema-engine',
    connectionTimeoutMillis: Number(parsed.connect_timeout ?? 5) * 1000,
    options: parsed.options,
    Client: CatalogTextClient,
  };
  const schema = parsed.schema || undefined;
  if (schema) {
    const searchPath = `-c search_path=${schema.replace(/[\s\\]/g, '\\$&')}`;
    config.options = config.options ? `${config.options} ${searchPath}` : searchPath;
  }
  return { config, schema };
}

function quoteIdent(name) {
  return `"${String(name).replace(/"/g, '""')}"`;
}

function serverLabel(config) {
  return `${config.host ?? 'localhost'}:${config.port ?? 5432}`;
}

class UserFacingError extends Error {
  constructor(code, message, meta = {}) {
    super(message);
    this.errorCode = code;
    this.meta = meta;
  }
}

/** Maps a pg / socket error to the user-facing error the native engine would report. */
function toUserFacing(error, config) {
  if (error instanceof UserFacingError) return error;
  const server = serverLabel(config);
  switch (error && error.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
      return new UserFacingError('P1001', `Can't reach database server at \`${server}\`\n\nPlease make sure your database server is running at \`${server}\`.`);
    case '28P01':
    case '28000':
      return new UserFacingError('P1000', `Authentication failed against database server at \`${config.host ?? 'localhost'}\`, the provided database credentials for \`${config.user ?? ''}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${config.host ?? 'localhost'}\`.`);
    case '3D000':
      return new UserFacingError('P1003', `Database \`${config.database}\` does not exist on the database server at \`${server}\`.`);
    case '42P04':
      return new UserFacingError('P1009', `Database \`${config.database}\` already exists on the database server at \`${server}\``);
    case '42501':
      return new UserFacingError('P1010', `User \`${config.user ?? ''}\` was denied access on the database \`${config.database ?? ''}\``);
    default:
      if (error && error.message === 'timeout expired') {
        return new UserFacingError('P1001', `Can't reach database server at \`${server}\`\n\nPlease make sure your database server is running at \`${server}\`.`);
      }
      return error instanceof Error ? error : new Error(String(error));
  }
}

/** Runs `work` with a single pg client on `database` (or the URL's own database), then closes it. */
async function withClient(url, database, work) {
  const { config } = pgSettings(url);
  const target = database === undefined ? config : { ...config, database };
  const client = new pg.Client(target);
  try {
    await client.connect();
    return await work(client, config);
  } catch (error) {
    throw toUserFacing(error, target);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs `work` on a maintenance database of the URL's server (postgres, else template1). */
async function withMaintenanceClient(url, work) {
  try {
    return await withClient(url, 'postgres', work);
  } catch (error) {
    if (error instanceof UserFacingError && error.errorCode === 'P1003') return withClient(url, 'template1', work);
    throw error;
  }
}

async function canConnect(url) {
  await withClient(url, undefined, (client) => client.query('SELECT 1'));
}

async function createDatabase(url) {
  const { config } = pgSettings(url);
  if (!config.database) throw new UserFacingError('P1012', 'The datasource URL names no database.');
  await withMaintenanceClient(url, async (client) => {
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(config.database)}`);
    } catch (error) {
      throw toUserFacing(error, config);
    }
  });
  return config.database;
}

async function dropDatabase(url) {
  const { config } = pgSettings(url);
  if (!config.database) throw new UserFacingError('P1012', 'The datasource URL names no database.');
  await withMaintenanceClient(url, async (client) => {
    try {
      await client.query(`DROP DATABASE ${quoteIdent(config.database)}`);
    } catch (error) {
      throw toUserFacing(error, config);
    }
  });
}

/**
 * The driver-adapter factory the wasm engine connects through: @prisma/adapter-pg, with three fixes.
 * - `executeScript` sends the script as one query (adapter-pg splits on ';', which breaks `$$` bodies).
 * - Catalog types are read as text (see CatalogTextClient).
 * - The shadow database is created with pg settings as separate fields, and its pool is closed before
 *   it is dropped.
 */
class OfflinePgAdapterFactory {
  constructor(datasource) {
    this.provider = 'postgres';
    this.adapterName = '@prisma/adapter-pg';
    this.url = datasource.url;
    this.shadowDatabaseUrl = datasource.shadowDatabaseUrl;
    this.open = new Set();
  }

  async connect() {
    // The engine connects when it starts, even for commands that need no database (`migrate diff` between
    // schema files): without a URL, hand it an adapter that only fails once it is used.
    if (!this.url) return this.openAdapter({ config: { Client: MissingUrlClient }, schema: undefined });
    return this.openAdapter(pgSettings(this.url));
  }

  async connectToShadowDb() {
    if (this.shadowDatabaseUrl) {
      const settings = pgSettings(this.shadowDatabaseUrl);
      const adapter = await this.openAdapter(settings);
      // As the native engine does with a configured shadow database: start from an empty schema.
      const schema = quoteIdent(settings.schema ?? 'public');
      await adapter.executeScript(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};`);
      return adapter;
    }
    const main = pgSettings(this.url);
    const admin = await this.openAdapter(main);
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    try {
      await admin.executeScript(`CREATE DATABASE ${quoteIdent(name)}`);
    } catch (error) {
      await admin.dispose();
      throw error;
    }
    log('INFO', `Created shadow database ${name}`);
    const shadow = await this.openAdapter({ config: { ...main.config, database: name }, schema: main.schema });
    const closeShadowPool = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      try {
        await closeShadowPool();
        await admin.executeScript(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
        log('INFO', `Dropped shadow database ${name}`);
      } finally {
        await admin.dispose();
      }
    };
    return shadow;
  }

  async openAdapter({ config, schema }) {
    const pool = new pg.Pool(config);
    pool.on('error', (error) => log('WARN', `Idle PostgreSQL connection error: ${error.message}`));
    const adapter = await new PrismaPg(pool, { schema, disposeExternalPool: true }).connect();
    adapter.executeScript = async function executeScript(script) {
      try {
        await this.client.query(script);
      } catch (error) {
        this.onError(error);
      }
    };
    const dispose = adapter.dispose.bind(adapter);
    let disposed;
    adapter.dispose = () => {
      disposed ??= (async () => {
        this.open.delete(adapter);
        await dispose();
      })();
      return disposed;
    };
    this.open.add(adapter);
    return adapter;
  }

  /** Closes whatever the engine left open (shadow databases are dropped on the way). */
  async disposeAll() {
    // Shadow adapters first: their dispose drops the database through the admin connection.
    const adapters = [...this.open].reverse();
    for (const adapter of adapters) await adapter.dispose().catch((error) => log('WARN', `Dispose failed: ${error.message}`));
  }
}

// ---------------------------------------------------------------------------------------------------------
// The wasm engine.

async function loadWasmEngine() {
  let wasmPath = WASM_PACKAGE;
  try {
    const bgPath = require.resolve(`${WASM_PACKAGE}/schema_engine_bg`);
    wasmPath = path.join(path.dirname(bgPath), 'schema_engine_bg.wasm');
    const bindings = await import(pathToFileURL(bgPath).href);
    const bytes = fs.readFileSync(wasmPath);
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return bindings;
  } catch (error) {
    // Not a wasm panic: the engine never ran. Said plainly, as the request's error (see serve).
    throw new EngineLoadError(`prisma-offline: cannot load the WebAssembly schema engine (${wasmPath}): ${error && error.message ? error.message : error}`);
  }
}

class EngineLoadError extends Error {
  constructor(message) {
    super(message);
    this.name = 'EngineLoadError';
  }
}

/** JSON-RPC methods the wasm engine answers under the same name. */
const ENGINE_METHODS = new Set([
  'applyMigrations',
  'dbExecute',
  'debugPanic',
  'devDiagnostic',
  'diagnoseMigrationHistory',
  'ensureConnectionValidity',
  'introspect',
  'introspectSql',
  'markMigrationApplied',
  'markMigrationRolledBack',
  'reset',
  'schemaPush',
]);

function isWasmPanic(error) {
  return error instanceof WebAssembly.RuntimeError || (error && error.name === 'RuntimeError');
}

/** The `data` of a JSON-RPC error, in the shape of the native engine's user-facing errors. */
function errorData(error, context) {
  if (error instanceof UserFacingError) {
    return { is_panic: false, message: error.message, meta: error.meta, error_code: error.errorCode };
  }
  if (error instanceof EngineLoadError) return { is_panic: false, message: error.message, backtrace: null };
  if (isWasmPanic(error)) {
    const panicMessage = globalThis.PRISMA_WASM_PANIC_REGISTRY?.get?.() || error.message;
    return { is_panic: true, message: panicMessage, backtrace: error.stack ?? '' };
  }
  if (!error || typeof error !== 'object') return { is_panic: false, message: String(error), backtrace: null };

  // A JS error thrown inside the adapter reaches us as "External error id#N": the original is in the registry.
  const external = /External error id#(\d+)/.exec(String(error.message));
  const registered = external ? context.errorRegistry?.consumeError?.(Number(external[1])) : undefined;
  if (registered && registered.error) return errorData(registered.error, { ...context, errorRegistry: undefined });
  if (typeof error.code === 'string' && /^P\d{4}$/.test(error.code)) {
    return { is_panic: false, message: error.message, meta: error.meta ?? {}, error_code: error.code };
  }

  // Connector errors carry only a message, followed by a span trace ("   0: …"). Keep the message, and add
  // the PostgreSQL error that caused it, which the driver adapter's error mapping leaves out.
  const full = String(error.message ?? error);
  const traceAt = full.search(/\n\s+0: /);
  const message = traceAt === -1 ? full : full.slice(0, traceAt);
  const backtrace = traceAt === -1 ? (error.stack ?? null) : full.slice(traceAt + 1);
  const db = context.databaseError;
  const migrationName = /migration_name="([^"]+)"/.exec(full)?.[1];
  if (context.method === 'applyMigrations' && migrationName) {
    const lines = [
      'A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve',
      '',
      `Migration name: ${migrationName}`,
      '',
    ];
    if (db) lines.push(`Database error code: ${db.code}`, '', 'Database error:', `ERROR: ${db.message}`);
    else lines.push('Error:', message);
    return {
      is_panic: false,
      message: lines.join('\n'),
      meta: { migration_name: migrationName, database_error_code: db?.code ?? '', database_error: db?.message ?? message },
      error_code: 'P3018',
    };
  }
  // Only for errors the engine got from the adapter: the last failed query is then the one that caused it.
  const fromDatabase = db && /^external connector error/i.test(message);
  const withDatabaseError = fromDatabase ? `${message}\n\nDatabase error code: ${db.code}\nDatabase error: ${db.message}` : message;
  return { is_panic: false, message: withDatabaseError, backtrace };
}

async function serve(options) {
  const datamodels = options.datamodels.map((file) => [file, fs.readFileSync(file, 'utf8')]);
  const factory = new OfflinePgAdapterFactory(options.datasource);
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    message: '',
    get() {
      return this.message;
    },
    set_message(message) {
      this.message = `RuntimeError: ${message}`;
    },
  };
  const engineLog = (line) => {
    if (debugEnabled) process.stderr.write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`);
  };
  log('INFO', 'Starting schema engine RPC server');

  // Loaded and started with the first request, so that a failure to load or start is that request's error,
  // answered to the CLI, not a crash: the CLI would take a vanished engine for success (see engine-exit-guard.cjs).
  let engine;
  let starting;
  let loading;
  const loadWasm = () =>
    (loading ??= loadWasmEngine().then(
      (wasm) => {
        log('INFO', 'Loaded the WebAssembly schema engine', { git_hash: wasm.version() });
        return wasm;
      },
      (error) => {
        loading = undefined;
        throw error;
      },
    ));
  const startEngine = () => {
    starting ??= loadWasm()
      .then((wasm) => wasm.SchemaEngine.new({ datamodels: datamodels.length > 0 ? datamodels : undefined }, engineLog, bound))
      .then(
        (started) => (engine = started),
        (error) => {
          starting = undefined;
          throw error;
        },
      );
    return starting;
  };

  let nextPrintId = 1;
  const pendingPrints = new Map();
  const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

  /** Asks the CLI to print `text` (the native engine's ConnectorHost::print). */
  const print = (text) =>
    new Promise((resolve) => {
      const id = `print-${nextPrintId++}`;
      pendingPrints.set(id, resolve);
      send({ jsonrpc: '2.0', id, method: 'print', params: { content: text.endsWith('\n') ? text.slice(0, -1) : text } });
    });

  /**
   * evaluateDataLoss and createMigration read the schema of the migration history from a cache that only
   * devDiagnostic/diagnoseMigrationHistory fill (with the shadow database from the adapter factory); on a
   * miss they fail with "shadow DB must be provided through an external factory". That happens when
   * `migrate dev` first applied pending migrations (a fresh database, a teammate's migration). Fill the
   * cache for the whole history, which is now applied, and try once more.
   */
  const withMigrationHistoryCache = (method) => async (params) => {
    try {
      return await engine[method](params);
    } catch (error) {
      if (!/shadow DB must be provided through an external factory/i.test(String(error && error.message))) throw error;
      log('INFO', `${method}: filling the migration history cache through the shadow database`);
      await engine.diagnoseMigrationHistory({ migrationsList: params.migrationsList, optInToShadowDatabase: true, filters: params.filters });
      return engine[method](params);
    }
  };

  const urlOf = (params) => params?.datasource?.url ?? options.datasource.url;
  const methods = {
    evaluateDataLoss: withMigrationHistoryCache('evaluateDataLoss'),
    createMigration: withMigrationHistoryCache('createMigration'),
    getDatabaseVersion: (params) => engine.version(params ?? null),
    createDatabase: async (params) => ({ databaseName: await createDatabase(urlOf(params)) }),
    dropDatabase: async (params) => {
      await dropDatabase(typeof params === 'string' ? params : urlOf(params));
      return null;
    },
    diff: async (params) => {
      const { stdout, exitCode } = await engine.diff(params);
      if (stdout) await print(stdout);
      return { exitCode };
    },
  };

  let panicked = false;
  const handle = async (request) => {
    const { id, method, params } = request;
    log('DEBUG', `RPC ${method}`, { id });
    lastDatabaseError = undefined;
    try {
      let result;
      if (method !== 'createDatabase' && method !== 'dropDatabase') await startEngine();
      if (Object.hasOwn(methods, method)) {
        result = await methods[method](params);
      } else if (ENGINE_METHODS.has(method)) {
        result = await engine[method](params);
      } else {
        send({ jsonrpc: '2.0', id, error: { code: -32601, message: `Method not found: ${method} (not available in the wasm schema engine)` } });
        return;
      }
      send({ jsonrpc: '2.0', id, result: result === undefined ? null : result });
    } catch (error) {
      if (debugEnabled && error && typeof error === 'object') {
        log('DEBUG', `${method} failed`, { name: error.name, properties: Object.getOwnPropertyNames(error), code: error.code, meta: error.meta, cause: String(error.cause) });
      }
      const data = errorData(error, { errorRegistry: bound.errorRegistry, method, databaseError: lastDatabaseError });
      log('ERROR', data.message, { is_panic: data.is_panic, error_code: data.error_code ?? '' });
      // The CLI shows `message` for a panic (and data.message otherwise): make it say what happened.
      const message = data.is_panic ? `Schema engine panic: ${data.message}` : 'An error happened. Check the data field for details.';
      send({ jsonrpc: '2.0', id, error: { code: JSON_RPC_SERVER_ERROR, message, data } });
      if (data.is_panic) panicked = true;
    }
  };

  let queue = Promise.resolve();
  let shuttingDown;
  const shutdown = (code) => {
    shuttingDown ??= (async () => {
      const timer = setTimeout(() => process.exit(code), SHUTDOWN_TIMEOUT_MS);
      timer.unref();
      await queue.catch(() => undefined);
      await factory.disposeAll();
      try {
        engine?.free();
      } catch {
        // the engine may already be unusable after a panic
      }
      process.exit(code);
    })();
    return shuttingDown;
  };

  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    let message;
    try {
      message = JSON.parse(line);
    } catch (error) {
      send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: `Parse error: ${error.message}` } });
      return;
    }
    if (message.method === undefined && message.id !== undefined && pendingPrints.has(message.id)) {
      // The CLI's answer to one of our `print` requests.
      pendingPrints.get(message.id)();
      pendingPrints.delete(message.id);
      return;
    }
    queue = queue.then(() => handle(message)).then(() => {
      if (panicked) void shutdown(101);
    });
  });
  lines.on('close', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(130));
}

// ---------------------------------------------------------------------------------------------------------
// `cli` subcommands.

async function runCliCommand(command, datasource) {
  // The CLI skips the first stderr line before it parses errors: the native binary logs this one first.
  log('INFO', 'Starting schema engine CLI', { git_hash: engineVersion() }, 'schema_engine');
  try {
    if (!datasource.url) throw new UserFacingError('P1012', MISSING_URL);
    let message;
    switch (command) {
      case 'can-connect-to-database':
        await canConnect(datasource.url);
        message = 'Connection successful';
        break;
      case 'create-database':
        message = `Database '${await createDatabase(datasource.url)}' was successfully created.`;
        break;
      case 'drop-database':
        await dropDatabase(datasource.url);
        message = 'The database was successfully dropped.';
        break;
      default:
        throw new Error(`Unknown cli subcommand: ${command}`);
    }
    log('INFO', message);
    return 0;
  } catch (error) {
    const known = error instanceof UserFacingError;
    process.stderr.write(
      `${JSON.stringify({
        timestamp: new Date().toISOString(),
        level: 'ERROR',
        fields: { is_panic: false, error_code: known ? error.errorCode : '', message: error.message },
        target: ERROR_TARGET,
      })}\n`,
    );
    return 1;
  }
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  if (options.version) {
    process.stdout.write(`schema-engine-cli ${engineVersion()}\n`);
    return 0;
  }
  if (options.cli) return runCliCommand(options.cli, options.datasource);
  await serve(options);
  return undefined; // the server exits when stdin closes
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error) => {
    log('ERROR', error && error.stack ? error.stack : String(error), { is_panic: true }, ERROR_TARGET);
    process.exit(101);
  },
);
