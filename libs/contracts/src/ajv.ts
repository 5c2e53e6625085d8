import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema } from './json-schema';

/** One ajv instance for all contracts: every error reported, strict about schema typos. */
export const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);

/**
 * A consumer's reading (tolerant reader): properties its schema does not know — a field a newer
 * producer added — are removed before the checks, so its handlers never see them and an additive
 * change does not send the event to the DLQ. Everything else is checked as strictly.
 */
export const tolerantAjv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, removeAdditional: true });
addFormats(tolerantAjv);

const validators = new WeakMap<Ajv, WeakMap<object, ValidateFunction>>();

/** Compiles `schema` once per `owner` (an event definition) and instance, and caches the result. */
export function compiledFor(owner: object, schema: JsonSchema, instance: Ajv = ajv): ValidateFunction {
  let cache = validators.get(instance);
  if (!cache) validators.set(instance, (cache = new WeakMap()));
  let validate = cache.get(owner);
  if (!validate) {
    validate = instance.compile(schema);
    cache.set(owner, validate);
  }
  return validate;
}

/** ajv errors as short sentences: `/data/clueId: must match format "uuid"`. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  if (!errors || errors.length === 0) return ['invalid'];
  return errors.map((error) => {
    const at = error.instancePath === '' ? '(root)' : error.instancePath;
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case 'additionalProperties':
        return `${at}: unknown property "${String(params['additionalProperty'])}"`;
      case 'required':
        return `${at}: missing required property "${String(params['missingProperty'])}"`;
      case 'const':
        return `${at}: must be ${JSON.stringify(params['allowedValue'])}`;
      case 'enum':
        return `${at}: must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      default:
        return `${at}: ${error.message ?? error.keyword}`;
    }
  });
}
