import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyEventDefinition } from '@pgov/contracts';
import { processMessage, silentLogger, type IncomingMessage, type ProcessContext, type RawSql } from '@pgov/messaging';
import fc from 'fast-check';
import { rowCounts } from './row-counts';

/**
 * Property-based fuzzing of a consumer: for every event type it handles, messages built from the
 * samples every released contract keeps (libs/contracts/compat/events.lock.json), valid or broken
 * in one way — a field missing, retyped or null, a field the contract does not know, not JSON at
 * all, an unknown version or type. Each goes through processMessage as the live consumer runs it.
 */

type Mutation = 'valid' | 'unknown-field' | 'missing-field' | 'wrong-type' | 'null-field' | 'not-json' | 'unknown-version' | 'unknown-type';
const MUTATIONS: readonly Mutation[] = ['valid', 'unknown-field', 'missing-field', 'wrong-type', 'null-field', 'not-json', 'unknown-version', 'unknown-type'];

interface LockedContract {
  samples: Record<string, unknown>[];
  dataSchema: { required?: string[]; properties?: Record<string, { type?: string | string[] }> };
}

const LOCK_FILE = join(__dirname, '..', '..', 'contracts', 'compat', 'events.lock.json');

function contractOf(definition: AnyEventDefinition): LockedContract {
  const lock = JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as Record<string, LockedContract>;
  const entry = lock[`${definition.topic} ${definition.type}@${definition.version}`];
  if (!entry) throw new Error(`${definition.type}@${definition.version} is not in the contract lock: run npx tsx tools/contracts-lock.ts`);
  return entry;
}

/** A value of another JSON type than the field's schema allows. */
function retyped(types: string | string[] | undefined): unknown {
  const allowed = Array.isArray(types) ? types : [types];
  if (!allowed.includes('string')) return 'not what the contract says';
  if (!allowed.includes('integer') && !allowed.includes('number')) return 42;
  return { unexpected: true };
}

function message(definition: AnyEventDefinition, contract: LockedContract, mutation: Mutation, sample: number, field: number, namespace: string): IncomingMessage {
  const data: Record<string, unknown> = structuredClone(contract.samples[sample % contract.samples.length]!);
  // The samples' codes are random: one of the city's districts lets valid events reach the rules.
  if (typeof data['districtCode'] === 'string') data['districtCode'] = '610113';
  const required = contract.dataSchema.required ?? [];
  const target = required[field % Math.max(1, required.length)];
  let type = definition.type;
  let schemaVersion = definition.version;
  if (mutation === 'unknown-field') data['addedByANewerRelease'] = 'x';
  if (mutation === 'missing-field' && target) delete data[target];
  if (mutation === 'wrong-type' && target) data[target] = retyped(contract.dataSchema.properties?.[target]?.type);
  if (mutation === 'null-field' && target) data[target] = null;
  if (mutation === 'unknown-version') schemaVersion = definition.version + 100;
  if (mutation === 'unknown-type') type = `${definition.service}.fuzz.unheard-of`;
  const subject = randomUUID();
  const envelope = { id: randomUUID(), type, source: definition.service, subject, time: new Date().toISOString(), district: '610113', schemaVersion, data };
  const value = mutation === 'not-json' ? `{"type":"${definition.type}",` : JSON.stringify(envelope);
  return { topic: `${namespace}${definition.topic}`, partition: 0, offset: '0', key: subject, value };
}

export interface EventFuzzTarget<TTx extends RawSql> {
  service: string;
  databaseUrl: string;
  /** The consumer's context as the service builds it (handlers, database, hooks), without its DLQ. */
  context(): Promise<Omit<ProcessContext<TTx>, 'deadLetter' | 'logger'> & { stop(): Promise<void> }>;
  /** Tables written beside any event (processed-event records are the consumer's own). */
  background?: readonly string[];
  /** Cases per event type (default FUZZ_RUNS or 25). */
  runs?: number;
}

/**
 * One test per handled event type: every message ends applied, a duplicate, skipped or in the DLQ
 * with a reason — never a throw, which would stop the consumer on it; a broken one never applies;
 * a field only a newer contract has is never the reason (tolerant reading); and a message that does not
 * apply leaves every table's row count as it was.
 */
export function describeEventFuzz<TTx extends RawSql>(target: EventFuzzTarget<TTx>): void {
  const runs = target.runs ?? Number(process.env['FUZZ_RUNS'] ?? 25);
  const background = ['processed_event', 'outbox_event', ...(target.background ?? [])];
  const outcomes = new Map<string, number>();
  let context: Awaited<ReturnType<EventFuzzTarget<TTx>['context']>> | undefined;
  const namespace = '';

  describe(`${target.service} consumer under generated events`, () => {
    beforeAll(async () => {
      context = await target.context();
    });
    afterAll(async () => {
      await context?.stop();
      const cases = [...outcomes.values()].reduce((a, b) => a + b, 0);
      console.log(`${target.service} event fuzz: ${cases} cases; outcomes ${JSON.stringify(Object.fromEntries(outcomes))}`);
    });

    it('handles every event type it subscribes to', () => {
      expect(context?.handlers.length).toBeGreaterThan(0);
    });

    const definitions = (): AnyEventDefinition[] => [...new Map((context?.handlers ?? []).map((h) => [`${h.event.type}@${h.event.version}`, h.event])).values()];
    it('answers every generated message with an outcome: applied, duplicate, skipped or dead-lettered with its reason', async () => {
      for (const definition of definitions()) {
        const contract = contractOf(definition);
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...MUTATIONS), fc.nat(), fc.nat(), async (mutation, sample, field) => {
            if (!context) throw new Error('the consumer did not start');
            const dead: string[] = [];
            const before = await rowCounts(target.databaseUrl, background);
            const outcome = await processMessage(
              { ...context, namespace, logger: silentLogger, retryDelayMs: 1, deadLetter: async (_m, reason) => void dead.push(reason) },
              message(definition, contract, mutation, sample, field, namespace),
            );
            outcomes.set(`${mutation}:${outcome.status}`, (outcomes.get(`${mutation}:${outcome.status}`) ?? 0) + 1);
            const what = { event: definition.type, mutation };
            if (process.env['FUZZ_DEBUG'] && outcome.status === 'dead-lettered') console.log(what, dead[0]);
            if (outcome.status === 'dead-lettered') expect({ ...what, reason: dead[0] ?? '' }).toEqual({ ...what, reason: expect.stringMatching(/\S/) });
            if (['missing-field', 'wrong-type', 'not-json', 'unknown-version'].includes(mutation)) expect({ ...what, status: outcome.status }).toEqual({ ...what, status: 'dead-lettered' });
            if (mutation === 'null-field' && outcome.status === 'applied') {
              const types = contract.dataSchema.properties?.[contract.dataSchema.required?.[field % Math.max(1, contract.dataSchema.required.length)] ?? '']?.type;
              expect({ ...what, nullable: Array.isArray(types) && types.includes('null') }).toEqual({ ...what, nullable: true });
            }
            // Tolerant reading: a field the contract does not know is dropped, never the reason to refuse.
            if (mutation === 'unknown-field') expect({ ...what, reason: dead[0] ?? '' }).not.toEqual({ ...what, reason: expect.stringContaining('addedByANewerRelease') });
            if (outcome.status !== 'applied') expect(await rowCounts(target.databaseUrl, background)).toEqual(before);
          }),
          { numRuns: runs, seed: 20261126 },
        );
      }
    }, 300_000);
  });
}
