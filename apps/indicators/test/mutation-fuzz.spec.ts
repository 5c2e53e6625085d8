// The indicators subgraph's mutation (the catalogue edit) under generated hostile input, from every kind of caller.
import { join } from 'node:path';
import { Role } from '@pgov/auth';
import { createLogger } from '@pgov/logger';
import { createTestKeys, describeMutationFuzz, identityOf, serviceTestEnv, testNamespace } from '@pgov/testing';
import { readConfig } from '../src/config';
import { createIndicatorsService } from '../src/service';
import { DB, indicatorEvents } from './support/indicator-events';

describeMutationFuzz({
  service: 'indicators',
  schemaFile: join(__dirname, '..', 'src', 'schema.graphql'),
  databaseUrl: DB,
  callers: [identityOf(Role.CITY_ADMIN, '610100'), identityOf(Role.ANALYST, '610100'), identityOf(Role.LEADER, '610113'), identityOf(Role.PARTNER, '610100')],
  async start() {
    const events = indicatorEvents();
    await events.reset();
    await events.stop();
    const keys = await createTestKeys();
    const service = createIndicatorsService(readConfig(serviceTestEnv('indicators', { keys, namespace: testNamespace() })), createLogger('indicators-test', 'silent'));
    return { url: await service.start(), token: (identity) => keys.token(identity), stop: () => service.stop() };
  },
});
