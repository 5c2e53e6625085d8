import type { RecountQueries } from './recount-query';

export const hearingRecounts: RecountQueries = {};
