export { DomainError, InvalidInput, Forbidden, NotFound, Conflict, Unauthenticated } from './domain-errors';
