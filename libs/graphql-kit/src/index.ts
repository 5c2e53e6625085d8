export { DomainError, InvalidInput, Forbidden, NotFound, Conflict } from '@pgov/errors';
export { toGraphQLError, withErrorMapping } from './graphql-errors';
export { isUnexpectedError, maskUnexpectedError, SERVICE_UNAVAILABLE, unexpectedErrorAnswer, type UnexpectedErrorAnswer } from './unexpected-errors';
export { parseInput } from './input';
export { type Connection, encodeCursor, decodeCursor, pageSize, toConnection, MAX_PAGE_SIZE, afterNewestFirst, isUuid } from './connection';
export { rowLoader } from './loaders';
export { mergeResolvers } from './merge-resolvers';
export { breakingGraphChanges, printSorted } from './schema-compat';
