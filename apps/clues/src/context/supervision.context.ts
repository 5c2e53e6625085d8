import DataLoader from 'dataloader';
import { rowLoader } from '@pgov/graphql-kit';
import type { CluesDeps, RequestScope } from '../context';
import type { ClueRow } from '../persistence/clue.repository';
import { supervisionRepository, type SupervisedPersonRow, type SupervisionEventRow } from '../persistence/supervision.repository';

/** Groups rows by person, in the order the query returned them. */
function byPerson<T>(personIds: readonly string[], rows: { personId: string; row: T }[]): T[][] {
  const groups = new Map<string, T[]>(personIds.map((id) => [id, []]));
  for (const { personId, row } of rows) groups.get(personId)?.push(row);
  return personIds.map((id) => groups.get(id) ?? []);
}

/** Supervision of community corrections: the repository and loaders that batch by person (no N+1). */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function supervisionContext(deps: CluesDeps, scope: RequestScope) {
  const persons = supervisionRepository(deps.db);
  return {
    persons,
    loaders: {
      person: rowLoader(persons.byPersonIds, (p: SupervisedPersonRow) => p.personId),
      /** Every record asked for in one tick: one query, each oldest first. */
      record: new DataLoader<string, SupervisionEventRow[]>(async (ids) =>
        byPerson(ids, (await persons.recordsOf(ids)).map((row) => ({ personId: row.personId, row }))),
      ),
      clues: new DataLoader<string, ClueRow[]>(async (ids) => byPerson(ids, (await persons.cluesOf(ids)).map(({ personId, clue }) => ({ personId, row: clue })))),
    },
  };
}
