/** Resolvers of this area (filled in by its owner); merged in ./index.ts. */
export const hearingResolvers = {};
