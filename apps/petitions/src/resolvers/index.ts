import { mergeResolvers } from '@pgov/graphql-kit';
import { hearingResolvers } from './hearings';
import { petitionResolvers } from './petitions';

/** The petitions subgraph's resolvers, one file per area. */
export const resolvers = mergeResolvers(petitionResolvers, hearingResolvers);
