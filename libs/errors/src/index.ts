export { DomainError, InvalidInput, Forbidden, NotFound, Conflict } from './domain-errors';
export { isTransientFailure } from './transient-failure';
