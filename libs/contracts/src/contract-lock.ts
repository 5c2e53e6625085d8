import type { AnyEventDefinition } from './define-event';
import { schemaChanges, unreadableSamples } from './compatibility';
import type { JsonSchema } from './json-schema';

/**
 * What consumers have been promised: per topic, event type and version, the data schema last
 * released and sample data of every shape released since (libs/contracts/compat/events.lock.json,
 * written by tools/contracts-lock.ts).
 */
export interface LockEntry {
  dataSchema: JsonSchema;
  samples: unknown[];
}
export type EventLock = Record<string, LockEntry>;

export const lockKey = (d: Pick<AnyEventDefinition, 'topic' | 'type' | 'version'>) => `${d.topic} ${d.type}@${d.version}`;

/** JSON with sorted keys: two schemas are the same contract when this is equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

const topicBase = (topic: string) => topic.replace(/\.v[0-9]+$/, '');
const topicMajor = (topic: string) => Number(/\.v([0-9]+)$/.exec(topic)?.[1] ?? 0);

export interface LockReview {
  /** Changes that would break a consumer of the released contract. */
  breaking: string[];
  /** Compatible differences the lock does not record yet (new events, additive changes, retired majors). */
  unrecorded: string[];
}

/**
 * Compares the definitions with the lock. `samplesOf` gives data each current schema allows (the
 * forward check: old consumers must read it). A breaking change is allowed only as a new major
 * version of the topic (`clues.clue.v2`), where the old major's entries are retired.
 */
export function reviewLock(lock: EventLock, definitions: readonly AnyEventDefinition[], samplesOf: (d: AnyEventDefinition) => unknown[]): LockReview {
  const breaking: string[] = [];
  const unrecorded: string[] = [];
  const current = new Map(definitions.map((d) => [lockKey(d), d]));
  for (const [key, entry] of Object.entries(lock)) {
    const definition = current.get(key);
    if (!definition) {
      const [topic, typeAt] = key.split(' ') as [string, string];
      const type = typeAt.split('@')[0];
      const successor = definitions.find((d) => d.type === type && topicBase(d.topic) === topicBase(topic) && topicMajor(d.topic) > topicMajor(topic));
      if (successor) unrecorded.push(`${key}: retired by ${lockKey(successor)}`);
      else breaking.push(`${key}: no longer published (its consumers still expect it)`);
      continue;
    }
    const problems = [
      ...schemaChanges(entry.dataSchema, definition.dataSchema),
      ...unreadableSamples(entry.dataSchema, samplesOf(definition), { tolerantly: true }).map((p) => `new data the released schema refuses: ${p}`),
      ...unreadableSamples(definition.dataSchema, entry.samples, { tolerantly: true }).map((p) => `released data the new schema refuses: ${p}`),
    ];
    breaking.push(...problems.map((p) => `${key}: ${p}`));
    if (problems.length === 0 && canonical(entry.dataSchema) !== canonical(definition.dataSchema)) unrecorded.push(`${key}: compatible change`);
  }
  for (const key of current.keys()) if (!(key in lock)) unrecorded.push(`${key}: new`);
  return { breaking, unrecorded };
}

/**
 * The lock after this release: every current definition with its schema; samples kept, plus new
 * ones (`samplesOf`) when the schema changed or is new. Retired and removed entries are dropped.
 */
export function nextLock(lock: EventLock, definitions: readonly AnyEventDefinition[], samplesOf: (d: AnyEventDefinition) => unknown[]): EventLock {
  const next: EventLock = {};
  for (const d of [...definitions].sort((a, b) => (lockKey(a) < lockKey(b) ? -1 : 1))) {
    const entry = lock[lockKey(d)];
    const same = entry !== undefined && canonical(entry.dataSchema) === canonical(d.dataSchema);
    next[lockKey(d)] = { dataSchema: d.dataSchema, samples: same ? entry.samples : [...(entry?.samples ?? []), ...samplesOf(d)] };
  }
  return next;
}
