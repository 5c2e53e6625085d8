import type { RecountQueries } from './recount-query';

export const recommendationRecounts: RecountQueries = {};
