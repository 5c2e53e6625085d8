import type { RecountQueries } from './recount-query';

export const petitionRecounts: RecountQueries = {};
