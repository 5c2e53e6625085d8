import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/** Composes in-test subgraphs (the repository's supergraph is composed by tools/compose-supergraph.ts). */
export function composeForTest(subgraphs: { name: string; url: string; sdl: string }[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}
