import { GraphQLError, type GraphQLFormattedError, type GraphQLResolveInfo } from 'graphql';
import { UNAUTHENTICATED } from '@pgov/auth';
import type { EntityQuery } from './entity-query';
import { MATCH_ALIAS } from './entity-query';
import type { EntityLookup } from './live-events';

/**
 * Codes that mean "the subscriber may not read this" (another district, not their clue): an event
 * whose entity answers one of them, or null, is withheld whole. Deeper in the entity (an
 * informant's identity a clerk may not see) they travel with the event at the same fields, as the
 * same query answers them — like any other error there (a subgraph unavailable for one field).
 */
export const WITHHELD_CODES: ReadonlySet<unknown> = new Set(['FORBIDDEN', 'NOT_FOUND', UNAUTHENTICATED]);

export interface QueryAnswer {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

/** Objects of an entity query's answer: their fields resolve by response key (aliases included). */
const answered = new WeakSet<object>();
/** Errors of the answer at the field (response key) of an answered object where they happened. */
const errorsAt = new WeakMap<object, Map<string, GraphQLError>>();

/**
 * The entity per response key of the subscriber's entity field, or null when the event is to be
 * withheld from this subscriber (see WITHHELD_CODES).
 */
export function entitiesOf(answer: QueryAnswer, query: EntityQuery, lookup: EntityLookup): Map<string, object> | null {
  // Refused at the entity itself (path: its alias alone), not at one of its fields.
  if (answer.errors?.some((e) => WITHHELD_CODES.has(e.extensions?.['code']) && (e.path?.length ?? 0) <= 1)) return null;
  const data = answer.data;
  if (!data) return null;
  const entities = new Map<string, object>();
  for (const [key, alias] of query.aliases) {
    let value = data[alias];
    if (lookup.match && isObject(value)) {
      const edges = (value as { edges?: unknown }).edges;
      const edge = Array.isArray(edges) ? edges.find((e) => isObject(e) && isObject(e['node']) && e['node'][MATCH_ALIAS] === lookup.match?.value) : undefined;
      value = edge?.['node'];
    }
    if (!isObject(value)) return null;
    entities.set(key, value);
  }
  adopt(data);
  for (const error of answer.errors ?? []) attach(data, error);
  return entities;
}

/**
 * graphql-js field resolution on an answered object: the value at the field's response key (the
 * query used the subscriber's own aliases), or the error the query answered there. undefined: not
 * an answered object.
 */
export function answeredField(source: unknown, info: GraphQLResolveInfo): { value: unknown } | undefined {
  if (!isObject(source) || !answered.has(source)) return undefined;
  const key = String(info.path.key);
  const value = source[key];
  if (value === null || value === undefined) {
    const error = errorsAt.get(source)?.get(key);
    if (error) throw error;
  }
  return { value };
}

function adopt(value: unknown): void {
  if (Array.isArray(value)) value.forEach(adopt);
  else if (isObject(value) && !answered.has(value)) {
    answered.add(value);
    Object.values(value).forEach(adopt);
  }
}

/** Puts an error at the deepest object its path reaches (a nulled non-null field's error lands at its nulled parent). */
function attach(data: Record<string, unknown>, error: GraphQLFormattedError): void {
  const path = error.path ?? [];
  let holder: Record<string, unknown> | unknown[] = data;
  for (const [i, segment] of path.entries()) {
    const next: unknown = Array.isArray(holder) ? holder[Number(segment)] : holder[String(segment)];
    const last = i === path.length - 1;
    if (last || next === null || next === undefined || typeof next !== 'object') {
      if (!Array.isArray(holder)) {
        const at = errorsAt.get(holder) ?? new Map<string, GraphQLError>();
        at.set(String(segment), new GraphQLError(error.message, { extensions: error.extensions ?? {} }));
        errorsAt.set(holder, at);
      }
      return;
    }
    holder = next as Record<string, unknown> | unknown[];
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
