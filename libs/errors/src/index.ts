export { DomainError, InvalidInput, Forbidden, NotFound, Conflict } from './domain-errors';
