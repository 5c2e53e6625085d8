import type { RecountQueries } from './recount-query';

export const gridRecounts: RecountQueries = {};
