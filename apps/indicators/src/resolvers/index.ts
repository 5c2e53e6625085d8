import { mergeResolvers } from '@pgov/graphql-kit';
import { catalogueResolvers } from './catalogue';
import { reportResolvers } from './reports';
import { valueResolvers } from './values';

/** The indicators subgraph's resolvers, one file per area. */
export const resolvers = mergeResolvers(catalogueResolvers, valueResolvers, reportResolvers);
