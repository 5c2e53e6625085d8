/**
 * Trusted documents: the operations the front ends were built with, from the persisted-query
 * manifest their builds produce (@apollo/generate-persisted-query-manifest):
 *   { "format": "apollo-persisted-query-manifest", "version": 1,
 *     "operations": [{ "id": "<sha256 of body>", "name": "…", "type": "query", "body": "…" }] }
 * A request is trusted when it sends a document whose SHA-256 (hex, of the exact text) is that of a
 * body in the manifest, or only `extensions.persistedQuery.sha256Hash` naming an operation's id.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const MANIFEST_FORMAT = 'apollo-persisted-query-manifest';

export interface TrustedManifest {
  /** The body of the operation with this id (or whose body has this SHA-256). */
  byHash(hash: string): string | undefined;
  /** Whether this exact document is in the manifest. */
  hasDocument(query: string): boolean;
  readonly size: number;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Parses and checks a manifest; throws with what is wrong (the gateway then does not start). */
export function parseManifest(json: string, origin = 'trusted documents manifest'): TrustedManifest {
  let manifest: unknown;
  try {
    manifest = JSON.parse(json);
  } catch (error) {
    throw new Error(`${origin}: not JSON (${(error as Error).message})`);
  }
  const m = manifest as { format?: unknown; version?: unknown; operations?: unknown } | null;
  if (m?.format !== MANIFEST_FORMAT || m.version !== 1 || !Array.isArray(m.operations)) {
    throw new Error(`${origin}: expected { "format": "${MANIFEST_FORMAT}", "version": 1, "operations": [...] }`);
  }
  const bodies = new Map<string, string>();
  const ids = new Map<string, string>();
  m.operations.forEach((op: { id?: unknown; body?: unknown } | null, i) => {
    if (typeof op?.id !== 'string' || op.id === '' || typeof op.body !== 'string' || op.body === '') {
      throw new Error(`${origin}: operations[${i}] needs a non-empty string id and body`);
    }
    ids.set(op.id, op.body);
    bodies.set(sha256Hex(op.body), op.body);
  });
  return {
    byHash: (hash) => ids.get(hash) ?? bodies.get(hash),
    hasDocument: (query) => bodies.has(sha256Hex(query)),
    size: ids.size,
  };
}

export function loadManifest(file: string): TrustedManifest {
  return parseManifest(readFileSync(file, 'utf8'), file);
}
