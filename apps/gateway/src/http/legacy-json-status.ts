import { ApolloServerErrorCode } from '@apollo/server/errors';

/**
 * Errors of a well-formed request that GraphQL over HTTP answers by media type: the document does not
 * parse or validate (operation limits included), the operation named is not in it, or the
 * variables do not coerce. Malformed requests (BAD_REQUEST: no query, parameters of the wrong type)
 * stay 4xx under every media type.
 */
const DOCUMENT_ERROR_CODES = new Set<unknown>([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.BAD_USER_INPUT,
]);

export interface AnswerHead {
  status: number;
  /** The media type Apollo negotiated for the answer. */
  contentType: string | undefined;
  /** Media types the client's Accept header names, best first (Express's req.accepts()). */
  accepted: string[];
}

const essence = (mediaType: string) => (mediaType.split(';')[0] ?? '').trim().toLowerCase();

/**
 * The status of an answer under GraphQL over HTTP. Apollo answers the document errors above with 400
 * under both media types; the spec wants 400 under application/graphql-response+json but 200 under
 * the legacy application/json, whose clients read errors only from a 2xx. The 200 goes to clients
 * that name application/json in Accept and were answered in it; a missing Accept or a bare wildcard
 * (fetch's default) keeps Apollo's 400, as existing clients of the gateway have always had it (the
 * spec lets a server decide how to treat those since its 2025 watershed).
 */
export function legacyJsonStatus(head: AnswerHead, body: string): number {
  if (head.status !== 400 || !head.contentType || essence(head.contentType) !== 'application/json') return head.status;
  if (!head.accepted.some((type) => essence(type) === 'application/json')) return head.status;
  let answer: unknown;
  try {
    answer = JSON.parse(body);
  } catch {
    return head.status;
  }
  const errors = (answer as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0 || 'data' in (answer as object)) return head.status;
  const documentErrors = errors.every((e: { extensions?: { code?: unknown } } | null) => DOCUMENT_ERROR_CODES.has(e?.extensions?.code));
  return documentErrors ? 200 : head.status;
}
