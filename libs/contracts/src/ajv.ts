import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema } from './json-schema';

/** One ajv instance for all contracts: every error reported, strict about schema typos. */
export const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);

const validators = new WeakMap<object, ValidateFunction>();

/** Compiles `schema` once per `owner` (an event definition) and caches the result. */
export function compiledFor(owner: object, schema: JsonSchema): ValidateFunction {
  let validate = validators.get(owner);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(owner, validate);
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
