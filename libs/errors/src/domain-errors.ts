/**
 * Errors that domain code throws. They carry a code and, for input errors, the field; they know
 * nothing of GraphQL or HTTP. `toGraphQLError` in @pgov/graphql-kit is the one place that maps them.
 */
export abstract class DomainError extends Error {
  abstract readonly code: 'BAD_USER_INPUT' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** One input field is wrong; `field` is a dotted path inside the mutation's input object. */
export class InvalidInput extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`, { field, reason });
  }
}

export class Forbidden extends DomainError {
  readonly code = 'FORBIDDEN' as const;
}

/** Also answered for records of another district, so that nothing leaks through errors. */
export class NotFound extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(entity: string, id: string) {
    super(`${entity} ${id} not found`, { entity, id });
  }
}

/** An illegal state transition, or a uniqueness conflict. */
export class Conflict extends DomainError {
  readonly code = 'CONFLICT' as const;
}
