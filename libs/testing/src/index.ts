export { createTestKeys, type TestKeys } from './keys';
export { testDatabaseUrl, truncateTables, withPg } from './database';
export { kafkaBrokers, resetTopics } from './kafka';
export { waitFor } from './wait';
export { graphql, type GraphQLResponse } from './graphql';
export { identityOf } from './identities';
