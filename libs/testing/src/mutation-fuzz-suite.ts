import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { Identity } from '@pgov/auth';
import fc from 'fast-check';
import { parse } from 'graphql';
import { answerProblems, mutationCases, postOperation } from './graphql-fuzz';
import { existingKeys, rowCounts } from './row-counts';

export interface MutationFuzzTarget {
  /** The service's name, for the report. */
  service: string;
  /** Its subgraph schema file. */
  schemaFile: string;
  /** Its database (the rows a refused call must not change). */
  databaseUrl: string;
  /** Starts the service on data worth hitting; answers its URL and a token maker. */
  start(): Promise<{ url: string; token(identity: Identity): Promise<string>; stop(): Promise<void> }>;
  /** Who calls: every kind of user the service answers. */
  callers: readonly Identity[];
  /** Tables written beside any request (outbox relay, consumers, audit of attempts). */
  background?: readonly string[];
  /** Generated cases per mutation (default FUZZ_RUNS or 25). */
  runs?: number;
}

/**
 * Declares one test per mutation of the service's schema: generated hostile input (graphql-fuzz)
 * from every caller; every answer must be a chosen one (answerProblems) and a call refused as a
 * whole must leave every table's row count as it was. Logs how many cases ran and how they went.
 */
export function describeMutationFuzz(target: MutationFuzzTarget): void {
  const runs = target.runs ?? Number(process.env['FUZZ_RUNS'] ?? 25);
  const background = ['outbox_event', 'processed_event', ...(target.background ?? [])];
  const schema = buildSubgraphSchema({ typeDefs: parse(readFileSync(target.schemaFile, 'utf8')) });
  const known: string[] = [];
  const outcomes = new Map<string, number>();
  let running: Awaited<ReturnType<MutationFuzzTarget['start']>> | undefined;

  describe(`${target.service} mutations under generated input`, () => {
    beforeAll(async () => {
      running = await target.start();
      known.push(...(await existingKeys(target.databaseUrl)));
    });
    afterAll(async () => {
      await running?.stop();
      const cases = [...outcomes.values()].reduce((a, b) => a + b, 0);
      console.log(`${target.service} mutation fuzz: ${cases} cases; answers ${JSON.stringify(Object.fromEntries(outcomes))}`);
    });

    for (const c of mutationCases(schema, { known })) {
      it(`${c.name}: every answer is a chosen one, and a refused call writes nothing`, async () => {
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...target.callers), c.variables, async (caller, variables) => {
            if (!running) throw new Error('the service did not start');
            const before = await rowCounts(target.databaseUrl, background);
            const answer = await postOperation(running.url, c.document, variables, await running.token(caller));
            const code = String(answer.body.errors?.[0]?.extensions?.['code'] ?? 'OK');
            outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
            expect({ caller: caller.roles, variables, problems: answerProblems(answer) }).toEqual({ caller: caller.roles, variables, problems: [] });
            if (answer.body.errors?.length && (answer.body.data?.[c.name] ?? null) === null) expect(await rowCounts(target.databaseUrl, background)).toEqual(before);
          }),
          { numRuns: runs, seed: 20261126 },
        );
      });
    }
  });
}
