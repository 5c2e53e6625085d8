/**
 * What a client learns when a subgraph fetch fails as a whole: that the service is unavailable
 * and may be retried, or what the subgraph itself said in a GraphQL error body — never the
 * subgraph's address, its HTTP body or how the connection failed (those are logged).
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { SERVICE_UNAVAILABLE } from '@pgov/graphql-kit';
import type { FetchPath } from './missing-parts';
import { SubgraphCallError } from './subgraph-http';

/**
 * A subgraph's non-2xx answer. A GraphQLError only because Apollo's data source declares one for
 * errorFromResponse; it never reaches a client as it is (ForwardingDataSource turns it into
 * failureErrors).
 */
export class SubgraphHttpError extends GraphQLError {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`subgraph answered HTTP ${status}`);
  }
}

export function unavailable(service: string): GraphQLFormattedError {
  return { message: `The ${service} service is unavailable; retry the request.`, extensions: { code: SERVICE_UNAVAILABLE, retryable: true } };
}

const INTERNAL: GraphQLFormattedError = { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };

/** Statuses that mean "not now" when the body says nothing more: the subgraph, or a proxy before it, has no one to answer. */
const UNAVAILABLE_STATUSES = new Set([408, 429, 502, 503, 504]);

/**
 * A subgraph's error as the gateway passes it on: message, path and extensions, without a stack
 * trace. One without a code is a failure nobody meant to answer with: INTERNAL_SERVER_ERROR,
 * which the gateway's formatError then masks (a subgraph's own formatError should have).
 */
export function fromSubgraph(error: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _stacktrace, ...extensions } = error.extensions ?? {};
  return {
    message: error.message,
    ...(error.path ? { path: error.path } : {}),
    extensions: { ...extensions, code: extensions['code'] ?? 'INTERNAL_SERVER_ERROR' },
  };
}

/** The errors of a GraphQL response body, or null when the body is not one. */
function graphqlErrors(body: string): GraphQLFormattedError[] | null {
  try {
    const errors = (JSON.parse(body) as { errors?: unknown } | null)?.errors;
    if (!Array.isArray(errors) || errors.length === 0) return null;
    return errors.every((e) => typeof (e as { message?: unknown } | null)?.message === 'string') ? (errors as GraphQLFormattedError[]) : null;
  } catch {
    return null;
  }
}

/** The client's errors for a fetch that failed with `error` (a SubgraphCallError, a SubgraphHttpError, or anything else: internal). */
export function failureErrors(service: string, error: unknown): GraphQLFormattedError[] {
  if (error instanceof SubgraphCallError) return [error.kind === 'unavailable' ? unavailable(service) : INTERNAL];
  if (error instanceof SubgraphHttpError) {
    const errors = graphqlErrors(error.body);
    if (errors) return errors.map(fromSubgraph);
    return [UNAVAILABLE_STATUSES.has(error.status) ? unavailable(service) : INTERNAL];
  }
  return [INTERNAL];
}

/**
 * Puts a whole fetch's failure where its data would have been: the first error without a path is
 * given once at each missing part; errors with a path, and any further ones, stay as they are.
 */
export function atMissingParts(errors: GraphQLFormattedError[], parts: FetchPath[]): GraphQLFormattedError[] {
  const first = errors.findIndex((e) => !e.path);
  if (first < 0 || parts.length === 0) return errors;
  const spread = parts.map((path) => ({ ...errors[first], path }) as GraphQLFormattedError);
  return [...errors.slice(0, first), ...spread, ...errors.slice(first + 1)];
}
