import { GraphQLError } from 'graphql';
import { ZodError } from 'zod';
import { DomainError } from '@pgov/errors';

/** Maps a domain error (or a zod input error) to a GraphQL error with extensions.code; others pass through. */
export function toGraphQLError(error: unknown): unknown {
  if (error instanceof DomainError) {
    return new GraphQLError(error.message, { extensions: { code: error.code, ...error.details } });
  }
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const field = first ? first.path.join('.') : '';
    const reason = first ? first.message : 'invalid input';
    return new GraphQLError(`${field}: ${reason}`, {
      extensions: {
        code: 'BAD_USER_INPUT',
        field,
        reason,
        problems: error.issues.map((i) => ({ field: i.path.join('.'), reason: i.message })),
      },
    });
  }
  return error;
}

/**
 * Wraps every resolver of a resolver map so domain errors become GraphQL errors. Resolvers stay
 * thin and throw domain errors; this is the one mapper.
 */
export function withErrorMapping<T extends Record<string, unknown>>(resolvers: T): T {
  const out: Record<string, unknown> = {};
  for (const [typeName, fields] of Object.entries(resolvers)) {
    if (!fields || typeof fields !== 'object' || isScalar(fields)) {
      out[typeName] = fields;
      continue;
    }
    const mapped: Record<string, unknown> = {};
    for (const [field, fn] of Object.entries(fields as Record<string, unknown>)) {
      mapped[field] =
        typeof fn === 'function'
          ? async (...args: unknown[]) => {
              try {
                return await (fn as (...a: unknown[]) => unknown)(...args);
              } catch (error) {
                throw toGraphQLError(error);
              }
            }
          : fn;
    }
    out[typeName] = mapped;
  }
  return out as T;
}

function isScalar(value: object): boolean {
  return typeof (value as { serialize?: unknown }).serialize === 'function';
}
