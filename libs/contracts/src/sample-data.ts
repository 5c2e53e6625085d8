import { JSONSchemaFaker } from 'json-schema-faker';
import { lockKey } from './contract-lock';
import type { AnyEventDefinition } from './define-event';
import type { JsonSchema } from './json-schema';

/** mulberry32: the contracts depend on no other lib. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Data that `schema` allows, generated from it (every optional field filled, nullable ones both
 * ways across samples), the same for the same seed. For the contract checks and the lock tool only:
 * json-schema-faker is a development dependency.
 */
export function sampleData(schema: JsonSchema, count: number, seed: number): unknown[] {
  const samples: unknown[] = [];
  for (let i = 0; i < count; i++) {
    JSONSchemaFaker.option({ random: seededRandom(seed * 1_000 + i), alwaysFakeOptionals: i % 2 === 0, optionalsProbability: 0.5, failOnInvalidTypes: true });
    samples.push(JSONSchemaFaker.generate(schema as never));
  }
  return samples;
}

/** The samples the lock keeps of a definition's schema: the same every run (seeded by its lock key). */
export function contractSamples(definition: AnyEventDefinition, count = 3): unknown[] {
  return sampleData(definition.dataSchema, count, [...lockKey(definition)].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
}
