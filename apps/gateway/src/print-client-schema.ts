/**
 * Writes apps/gateway/client-schema.graphql (the API schema + Subscription, for front-end codegen)
 * from the committed supergraph. Run after `tools/compose-supergraph.ts` or a change of the
 * Subscription schema; `--check` exits 1 when the file is stale.
 *   npx tsx apps/gateway/src/print-client-schema.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clientSchemaFile } from './subscriptions/client-schema';

const APP_ROOT = join(__dirname, '..');
const CLIENT_SCHEMA_FILE = join(APP_ROOT, 'client-schema.graphql');
const sdl = clientSchemaFile(readFileSync(join(APP_ROOT, 'supergraph.graphql'), 'utf8'));
if (process.argv.includes('--check')) {
  const current = readFileSync(CLIENT_SCHEMA_FILE, 'utf8');
  if (current !== sdl) {
    console.error('apps/gateway/client-schema.graphql is stale: run npx tsx apps/gateway/src/print-client-schema.ts');
    process.exit(1);
  }
  console.log('client-schema.graphql is up to date');
} else {
  writeFileSync(CLIENT_SCHEMA_FILE, sdl);
  console.log(`wrote ${CLIENT_SCHEMA_FILE}`);
}
