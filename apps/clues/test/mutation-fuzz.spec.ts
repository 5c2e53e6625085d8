// Every mutation of the clues subgraph under generated hostile input, from every kind of caller.
import { join } from 'node:path';
import { Role } from '@pgov/auth';
import { deleteNamespace, describeMutationFuzz, identityOf, testNamespace } from '@pgov/testing';
import { DB, startClues, submitClue, transitionOk } from './support/clue-api';

const worker = identityOf(Role.GRID_WORKER, '610113');
const procurator = identityOf(Role.PROCURATOR, '610113');

describeMutationFuzz({
  service: 'clues',
  schemaFile: join(__dirname, '..', 'src', 'schema.graphql'),
  databaseUrl: DB,
  callers: [worker, procurator, identityOf(Role.LEADER, '610113'), identityOf(Role.CLERK, '610104'), identityOf(Role.CITY_ADMIN, '610100'), identityOf(Role.PARTNER, '610100')],
  async start() {
    const namespace = testNamespace();
    const api = await startClues(namespace);
    // Clues in each early state, so that ids the fuzz draws reach the transition rules.
    for (let i = 0; i < 3; i++) {
      const id = await submitClue(api, worker);
      if (i > 0) await transitionOk(api, 'acceptClue', { clueId: id }, procurator);
      if (i > 1) await transitionOk(api, 'assignClue', { clueId: id, department: 'PUBLIC_INTEREST' }, procurator);
    }
    return {
      url: api.url,
      token: (identity) => api.keys.token(identity),
      async stop() {
        await api.service.stop();
        await deleteNamespace(namespace);
      },
    };
  },
});
