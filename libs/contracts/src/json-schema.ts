/**
 * JSON Schema helpers. Event data schemas are written as ajv `JSONSchemaType<T>` (so the compiler
 * checks them against the TypeScript type). Its typing spells `T | null` as
 * `anyOf: [<schema of T>, { type: 'null', nullable: true }]` and optional members with the
 * OpenAPI-style `nullable: true`. What we compile and publish is plain JSON Schema:
 * `toStandardJsonSchema` drops `nullable` and folds both spellings into `type: [<type>, "null"]`.
 */
export type JsonSchema = { [keyword: string]: unknown };

const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions'] as const;
const SUBSCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf'] as const;
const SUBSCHEMAS = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'] as const;

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of `schema` in standard JSON Schema (draft-07 keywords, no `nullable`). */
export function toStandardJsonSchema(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'nullable') continue;
    if ((SUBSCHEMA_MAPS as readonly string[]).includes(keyword) && isSchema(value)) {
      out[keyword] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, isSchema(sub) ? toStandardJsonSchema(sub) : sub]),
      );
    } else if ((SUBSCHEMA_LISTS as readonly string[]).includes(keyword) && Array.isArray(value)) {
      out[keyword] = value.map((sub: unknown) => (isSchema(sub) ? toStandardJsonSchema(sub) : sub));
    } else if ((SUBSCHEMAS as readonly string[]).includes(keyword) && isSchema(value)) {
      out[keyword] = toStandardJsonSchema(value);
    } else {
      out[keyword] = Array.isArray(value) ? [...value] : value;
    }
  }
  const folded = foldNullableAnyOf(out);
  if (folded) return folded;
  if (schema['nullable'] === true) {
    const type = out['type'];
    if (typeof type === 'string' && type !== 'null') out['type'] = [type, 'null'];
    else if (Array.isArray(type) && !type.includes('null')) out['type'] = [...type, 'null'];
    const allowed = out['enum'];
    if (Array.isArray(allowed) && !allowed.includes(null)) out['enum'] = [...allowed, null];
  }
  return out;
}

/** JSON pointers (e.g. `/properties/data`) of object schemas that do not say `additionalProperties: false`. */
export function openObjectSchemas(schema: JsonSchema, pointer = ''): string[] {
  const found: string[] = [];
  const type = schema['type'];
  const isObject = type === 'object' || (Array.isArray(type) && type.includes('object'));
  if (isObject && schema['additionalProperties'] !== false) found.push(pointer || '/');
  for (const keyword of SUBSCHEMA_MAPS) {
    const map = schema[keyword];
    if (!isSchema(map)) continue;
    for (const [name, sub] of Object.entries(map)) {
      if (isSchema(sub)) found.push(...openObjectSchemas(sub, `${pointer}/${keyword}/${name}`));
    }
  }
  for (const keyword of SUBSCHEMA_LISTS) {
    const list = schema[keyword];
    if (!Array.isArray(list)) continue;
    list.forEach((sub: unknown, index) => {
      if (isSchema(sub)) found.push(...openObjectSchemas(sub, `${pointer}/${keyword}/${index}`));
    });
  }
  for (const keyword of SUBSCHEMAS) {
    const sub = schema[keyword];
    if (isSchema(sub)) found.push(...openObjectSchemas(sub, `${pointer}/${keyword}`));
  }
  return found;
}

/** `{ anyOf: [{ type: X, ...rest }, { type: 'null' }] }` → `{ type: [X, 'null'], ...rest }`. */
function foldNullableAnyOf(schema: JsonSchema): JsonSchema | undefined {
  const { anyOf, ...outer } = schema;
  if (!Array.isArray(anyOf) || anyOf.length !== 2) return undefined;
  const nullIndex = anyOf.findIndex((sub: unknown) => isSchema(sub) && sub['type'] === 'null' && Object.keys(sub).length === 1);
  const other: unknown = anyOf[1 - nullIndex];
  if (nullIndex < 0 || !isSchema(other) || typeof other['type'] !== 'string') return undefined;
  if (['anyOf', 'oneOf', 'allOf'].some((keyword) => keyword in other || keyword in outer)) return undefined;
  const folded: JsonSchema = { ...other, ...outer, type: [other['type'], 'null'] };
  if (Array.isArray(folded['enum'])) folded['enum'] = [...folded['enum'], null];
  return folded;
}
