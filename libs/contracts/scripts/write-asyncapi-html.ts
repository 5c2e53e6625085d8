// Writes dist/contracts/asyncapi.html, the AsyncAPI document rendered for partner agencies (one
// file, opens offline), from libs/contracts/asyncapi.json: `npx nx run contracts:asyncapi-html`.
// A build output (3 MB, the renderer inlined), not kept in git; its test renders it in memory.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAsyncApiHtml } from './asyncapi-html';

const root = join(__dirname, '..');
const out = join(root, '..', '..', 'dist', 'contracts');
mkdirSync(out, { recursive: true });
const target = join(out, 'asyncapi.html');
writeFileSync(target, renderAsyncApiHtml(readFileSync(join(root, 'asyncapi.json'), 'utf8')));
console.log(`wrote ${target}`);
