export { createTestKeys, type TestKeys } from './keys';
export { testDatabaseUrl, truncateTables, withPg } from './database';
export { deleteNamespace, kafkaBrokers, testNamespace } from './kafka';
export { waitFor } from './wait';
export { graphql, type GraphQLResponse } from './graphql';
export { identityOf } from './identities';
export { startProcess, freePort, waitUntilReady, type RunningProcess } from './processes';
export { personalDataTestEnv, serviceTestEnv } from './service-env';
export { databaseDump, statementRecorder } from './statements';
