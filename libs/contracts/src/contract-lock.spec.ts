import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clueAccepted } from './events/clues/clue-accepted.event';
import { lockKey, nextLock, reviewLock, type EventLock } from './contract-lock';
import type { AnyEventDefinition } from './define-event';
import type { JsonSchema } from './json-schema';
import { allEvents } from './registry';
import { contractSamples } from './sample-data';
import { buildEnvelope, readEnvelope, validateEnvelope } from './validation';

const LOCK_FILE = join(__dirname, '..', 'compat', 'events.lock.json');
const samplesOf = (d: AnyEventDefinition) => contractSamples(d, 20);

/** clueAccepted as a later release might declare it: its data schema changed by `change`. */
function changed(change: (schema: JsonSchema & { properties: Record<string, JsonSchema>; required: string[] }) => void, topic = clueAccepted.topic): AnyEventDefinition {
  const dataSchema = structuredClone(clueAccepted.dataSchema) as JsonSchema & { properties: Record<string, JsonSchema>; required: string[] };
  change(dataSchema);
  return { ...clueAccepted, topic, dataSchema };
}

describe('event contract lock (libs/contracts/compat/events.lock.json)', () => {
  it('keeps every released contract: no breaking change, and the lock records the definitions as they are', () => {
    const lock = JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as EventLock;
    const review = reviewLock(lock, allEvents, samplesOf);
    expect({ breaking: review.breaking, unrecorded: review.unrecorded, fix: 'npx tsx tools/contracts-lock.ts' }).toEqual({
      breaking: [],
      unrecorded: [],
      fix: 'npx tsx tools/contracts-lock.ts',
    });
    // Every released shape is kept: at least three samples per contract, each valid today.
    for (const d of allEvents) expect(lock[lockKey(d)]?.samples.length ?? 0).toBeGreaterThanOrEqual(3);
  });

  describe('refuses a change that breaks consumers', () => {
    const released: EventLock = nextLock({}, [clueAccepted], (d) => contractSamples(d));
    const review = (d: AnyEventDefinition) => reviewLock(released, [d], samplesOf);

    it('a removed field', () => {
      const { breaking } = review(
        changed((s) => {
          delete s.properties['acceptedBy'];
          s.required = s.required.filter((r) => r !== 'acceptedBy');
        }),
      );
      expect(breaking).toContain('clues.clue.v1 clues.clue.accepted@1: data.acceptedBy: removed');
    });

    it('a retyped field', () => {
      const { breaking } = review(changed((s) => (s.properties['acceptedAt'] = { type: 'integer' })));
      expect(breaking).toContain('clues.clue.v1 clues.clue.accepted@1: data.acceptedAt: type string became integer');
      // Shown by example too: data of the new shape fails the released schema.
      expect(breaking.some((b) => b.includes('new data the released schema refuses') && b.includes('/acceptedAt'))).toBe(true);
    });

    it('a new required field', () => {
      const { breaking } = review(
        changed((s) => {
          s.properties['acceptedUnit'] = { type: 'string', minLength: 1 };
          s.required.push('acceptedUnit');
        }),
      );
      expect(breaking).toContain('clues.clue.v1 clues.clue.accepted@1: data.acceptedUnit: new required field');
      expect(breaking.some((b) => b.includes('released data the new schema refuses'))).toBe(true);
    });

    it('a new enum value, which consumers of the released schema refuse', () => {
      const { breaking } = review(changed((s) => (s.properties['category'] = { ...s.properties['category'], enum: [...(s.properties['category']?.['enum'] as string[]), 'TAX'] })));
      expect(breaking).toContain('clues.clue.v1 clues.clue.accepted@1: data.category: new value(s) "TAX" that consumers of the old schema refuse');
    });

    it('an event no longer published on its topic', () => {
      expect(reviewLock(released, [], samplesOf).breaking).toEqual(['clues.clue.v1 clues.clue.accepted@1: no longer published (its consumers still expect it)']);
    });
  });

  describe('accepts a change consumers can live with', () => {
    const released: EventLock = nextLock({}, [clueAccepted], (d) => contractSamples(d));

    it('a new optional field: compatible, to be recorded', () => {
      const d = changed((s) => (s.properties['note'] = { type: 'string', maxLength: 200 }));
      expect(reviewLock(released, [d], samplesOf)).toEqual({ breaking: [], unrecorded: ['clues.clue.v1 clues.clue.accepted@1: compatible change'] });
      // Recorded: the released samples stay, samples of the new shape join them.
      const next = nextLock(released, [d], (x) => contractSamples(x));
      expect(next[lockKey(d)]?.samples).toHaveLength(6);
      expect(reviewLock(next, [d], samplesOf)).toEqual({ breaking: [], unrecorded: [] });
    });

    it('a breaking change published as a new major version of the topic retires the old one', () => {
      const d = changed((s) => delete s.properties['acceptedBy'], 'clues.clue.v2');
      expect(reviewLock(released, [d], samplesOf)).toEqual({
        breaking: [],
        unrecorded: ['clues.clue.v1 clues.clue.accepted@1: retired by clues.clue.v2 clues.clue.accepted@1', 'clues.clue.v2 clues.clue.accepted@1: new'],
      });
    });
  });

  it('an old consumer reads an event that a newer producer gave an extra field: the field is dropped, not the event', () => {
    const released = contractSamples(clueAccepted, 1)[0] as { clueId: string };
    const data = { ...released, note: 'added by a later release' };
    const envelope = buildEnvelope(clueAccepted, { subject: released.clueId, district: '610113', data: released as never }, { source: 'clues' });
    const newer = { ...envelope, data };
    expect(validateEnvelope(clueAccepted, structuredClone(newer)).ok).toBe(false);
    const read = readEnvelope(clueAccepted, structuredClone(newer));
    expect(read.ok).toBe(true);
    expect(read.ok && 'note' in read.envelope.data).toBe(false);
    // Anything else is still checked as strictly.
    expect(readEnvelope(clueAccepted, { ...structuredClone(newer), data: { ...data, acceptedAt: 'yesterday' } }).ok).toBe(false);
  });
});
