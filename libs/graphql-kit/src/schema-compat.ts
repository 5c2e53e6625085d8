import { buildSchema, findBreakingChanges, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/** A schema as its lock file holds it: printed in a stable order, so equal schemas are equal text. */
export function printSorted(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/**
 * What a front-end query written against `releasedSdl` could trip over in `currentSdl`: a type or
 * field removed, a type changed, a new required argument, an enum value removed… (graphql-js's own
 * list), one sentence each; empty when every such query still validates and means the same.
 */
export function breakingGraphChanges(releasedSdl: string, currentSdl: string): string[] {
  return findBreakingChanges(buildSchema(releasedSdl), buildSchema(currentSdl)).map((c) => `${c.type}: ${c.description}`);
}
