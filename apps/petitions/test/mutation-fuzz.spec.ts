// Every mutation of the petitions subgraph under generated hostile input, from every kind of caller.
import { join } from 'node:path';
import { Role } from '@pgov/auth';
import { describeMutationFuzz, identityOf } from '@pgov/testing';
import { DB, startPetitionsHarness } from './support/petitions-harness';

const clerk = identityOf(Role.CLERK, '610113');

describeMutationFuzz({
  service: 'petitions',
  schemaFile: join(__dirname, '..', 'src', 'schema.graphql'),
  databaseUrl: DB,
  callers: [clerk, identityOf(Role.PROCURATOR, '610113'), identityOf(Role.LEADER, '610113'), identityOf(Role.HEARING_OFFICER, '610113'), identityOf(Role.CITY_ADMIN, '610100'), identityOf(Role.GRID_WORKER, '610104')],
  // Refused attempts on personal data are audited: a row there is the point, not a half-write.
  background: ['audit_log'],
  async start() {
    const h = await startPetitionsHarness();
    // Petitions to hit with the ids the fuzz draws.
    await h.receiveOk(clerk);
    await h.receiveOk(clerk, { channel: 'VISIT', firstTime: false });
    return { url: h.url, token: (identity) => h.keys.token(identity), stop: () => h.stop() };
  },
});
