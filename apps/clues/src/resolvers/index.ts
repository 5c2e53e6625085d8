import { mergeResolvers } from '@pgov/graphql-kit';
import { clueResolvers } from './clues';
import { recommendationResolvers } from './recommendations';
import { supervisionResolvers } from './supervision';
import { triageResolvers } from './triage';

/** The clues subgraph's resolvers, one file per area. */
export const resolvers = mergeResolvers(clueResolvers, triageResolvers, recommendationResolvers, supervisionResolvers);
