import { mergeResolvers } from '@pgov/graphql-kit';
import { hierarchyResolvers } from './hierarchy';
import { memberResolvers } from './members';
import { pointsResolvers } from './points';
import { trainingResolvers } from './trainings';

/** The grids subgraph's resolvers, one file per area. */
export const resolvers = mergeResolvers(hierarchyResolvers, memberResolvers, trainingResolvers, pointsResolvers);
