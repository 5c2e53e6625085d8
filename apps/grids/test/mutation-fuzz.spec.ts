// Every mutation of the grids subgraph under generated hostile input, from every kind of caller.
import { join } from 'node:path';
import { Role } from '@pgov/auth';
import { describeMutationFuzz, identityOf } from '@pgov/testing';
import { DB, person, startMemberHarness } from './member-harness';

const admin = identityOf(Role.CITY_ADMIN, '610100');

describeMutationFuzz({
  service: 'grids',
  schemaFile: join(__dirname, '..', 'src', 'schema.graphql'),
  databaseUrl: DB,
  callers: [admin, identityOf(Role.PROCURATOR, '610113'), identityOf(Role.CLERK, '610113'), identityOf(Role.GRID_WORKER, '610113'), identityOf(Role.ANALYST, '610100'), identityOf(Role.PARTNER, '610100')],
  // Refused attempts on personal data are audited: a row there is the point, not a half-write.
  background: ['audit_log'],
  async start() {
    const h = await startMemberHarness();
    // Members to hit with the ids the fuzz draws.
    for (const name of ['张三', '李四']) {
      const res = await h.as(admin, `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`, { input: person(name) });
      expect(res.errors).toBeUndefined();
    }
    return { url: h.url, token: (identity) => h.keys.token(identity), stop: () => h.stop() };
  },
});
