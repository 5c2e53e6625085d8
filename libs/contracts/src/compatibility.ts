import { ajv, tolerantAjv } from './ajv';
import type { JsonSchema } from './json-schema';

/**
 * Whether a data schema can replace the one consumers know without breaking them. Two readings,
 * both needed while producers and consumers upgrade at their own pace:
 * - the change itself (`schemaChanges`): a field removed, retyped or newly required, an enum that
 *   gained values — named, so the message says what to undo;
 * - by example (`unreadableSamples`): data the new schema allows, generated from it, must pass the
 *   old schema as a tolerant reader applies it (unknown fields dropped), and the samples kept from
 *   every earlier release must pass the new one.
 */

const typesOf = (schema: JsonSchema): string[] => {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return [...(type as string[])].sort();
  return [];
};

const isObject = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What changed from `before` to `after` that breaks a consumer of `before`; empty when compatible. */
export function schemaChanges(before: JsonSchema, after: JsonSchema, at = 'data'): string[] {
  const changes: string[] = [];
  const [was, is] = [typesOf(before), typesOf(after)];
  if (was.join('|') !== is.join('|')) changes.push(`${at}: type ${was.join(' | ') || 'any'} became ${is.join(' | ') || 'any'}`);
  const [oldEnum, newEnum] = [before['enum'], after['enum']];
  if (Array.isArray(oldEnum) && Array.isArray(newEnum)) {
    const added = newEnum.filter((v) => !oldEnum.includes(v));
    if (added.length > 0) changes.push(`${at}: new value(s) ${added.map((v) => JSON.stringify(v)).join(', ')} that consumers of the old schema refuse`);
  } else if (Array.isArray(oldEnum) && !Array.isArray(newEnum)) {
    changes.push(`${at}: no longer limited to ${oldEnum.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  const [oldProps, newProps] = [before['properties'], after['properties']];
  if (isObject(oldProps)) {
    const props = isObject(newProps) ? newProps : {};
    for (const [name, schema] of Object.entries(oldProps)) {
      const next = props[name];
      if (!isObject(next)) changes.push(`${at}.${name}: removed`);
      else if (isObject(schema)) changes.push(...schemaChanges(schema, next, `${at}.${name}`));
    }
    const wasRequired = new Set((before['required'] as string[] | undefined) ?? []);
    for (const name of (after['required'] as string[] | undefined) ?? []) {
      if (!wasRequired.has(name)) changes.push(`${at}.${name}: ${name in oldProps ? 'became required' : 'new required field'}`);
    }
  }
  if (isObject(before['items']) && isObject(after['items'])) changes.push(...schemaChanges(before['items'], after['items'], `${at}[]`));
  return changes;
}

/**
 * The samples `schema` does not accept, with the reason; `tolerantly`: as a consumer reads events
 * (readEnvelope: unknown fields dropped). Each sample is validated on a copy.
 */
export function unreadableSamples(schema: JsonSchema, samples: readonly unknown[], options: { tolerantly: boolean }): string[] {
  const validate = (options.tolerantly ? tolerantAjv : ajv).compile(schema);
  const problems: string[] = [];
  samples.forEach((sample, i) => {
    if (!validate(structuredClone(sample))) {
      problems.push(`sample ${i + 1}: ${(validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`).join('; ')}`);
    }
  });
  return problems;
}
