/**
 * Front-end queries are written against apps/gateway/api-schema.lock.graphql, the API schema last
 * released. The committed supergraph may only change it compatibly (new types, fields, optional
 * arguments…), and the lock must record the change: `npx tsx tools/contracts-lock.ts`; a breaking
 * change is recorded only deliberately, with --accept-breaking.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { breakingGraphChanges, printSorted } from '@pgov/graphql-kit';

const gateway = join(__dirname, '..');
const apiSchema = () => printSorted(Supergraph.build(readFileSync(join(gateway, 'supergraph.graphql'), 'utf8')).apiSchema().toGraphQLJSSchema());
const released = () => readFileSync(join(gateway, 'api-schema.lock.graphql'), 'utf8');

describe('the graph front-end queries rely on', () => {
  it('breaks no query written against the released API schema', () => {
    expect(breakingGraphChanges(released(), apiSchema())).toEqual([]);
  });

  it('is recorded in the lock as it is (npx tsx tools/contracts-lock.ts)', () => {
    expect(apiSchema()).toBe(released());
  });

  it('would refuse a subgraph change that removes a field a screen reads', () => {
    const withoutTitle = apiSchema().replace(/^(type Clue [^{]*\{[^}]*?)\n {2}title: String!/m, '$1');
    expect(withoutTitle).not.toBe(apiSchema());
    expect(breakingGraphChanges(released(), withoutTitle)).toContain('FIELD_REMOVED: Clue.title was removed.');
  });
});
