// Writes libs/contracts/asyncapi.json from the event registry: `npx nx run contracts:asyncapi`
// (or `npx tsx libs/contracts/scripts/write-asyncapi.ts`). A test fails while the file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAsyncApi } from '../src/asyncapi';

const target = join(__dirname, '..', 'asyncapi.json');
writeFileSync(target, renderAsyncApi());
console.log(`wrote ${target}`);
