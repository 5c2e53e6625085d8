/**
 * Validators for Strimzi's custom resources from the operator's own CRDs, which tools/infra/install.sh
 * generates from the io.strimzi jars on Maven Central (infra/strimzi/pom.xml) into .cache/strimzi/crds.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { ROOT, type Doc } from './render';

const CRDS = join(ROOT, '.cache', 'strimzi', 'crds');

/**
 * The API server prunes fields a structural schema does not name, and kubectl's strict field
 * validation refuses them: closes every object schema that names its properties and does not
 * preserve unknown fields, so that a misspelt field fails here as it would there.
 */
function strict(schema: Doc): Doc {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Doc = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, strict(v as Doc)]));
  if (out.properties && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

export interface CrdValidators {
  /** The validator of apiVersion + kind, or undefined when no CRD serves it. */
  validatorOf(apiVersion: string, kind: string): ValidateFunction | undefined;
  kinds: string[];
}

export function strimziValidators(): CrdValidators {
  if (!existsSync(CRDS)) throw new Error(`no Strimzi CRDs in ${CRDS}: run bash tools/infra/install.sh`);
  // Kubernetes' OpenAPI keywords (x-kubernetes-*) are not JSON Schema: ignored, not refused.
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validators = new Map<string, ValidateFunction>();
  for (const file of readdirSync(CRDS).filter((f) => f.endsWith('.json'))) {
    const crd = JSON.parse(readFileSync(join(CRDS, file), 'utf8')) as Doc;
    for (const version of crd.spec.versions as Doc[]) {
      if (!version.served) continue;
      const schema = strict(version.schema.openAPIV3Schema as Doc);
      // metadata is the API server's ObjectMeta: not described by the CRD.
      schema.properties.metadata = { type: 'object' };
      validators.set(`${crd.spec.group}/${version.name} ${crd.spec.names.kind}`, ajv.compile(schema));
    }
  }
  return {
    validatorOf: (apiVersion, kind) => validators.get(`${apiVersion} ${kind}`),
    kinds: [...validators.keys()].sort(),
  };
}
