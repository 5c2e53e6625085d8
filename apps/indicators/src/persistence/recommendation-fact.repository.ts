import type { RecommendationFactState } from '../domain/recommendation-contributions';
import { factTable } from './fact-table';

/**
 * recommendation_fact: one row per recommendation, locked while an event changes it; created from
 * the facts every event carries, with nothing counted yet.
 */
export const recommendationFacts = factTable<RecommendationFactState>({
  table: 'recommendation_fact',
  key: { field: 'recommendationId', column: 'recommendation_id', cast: 'uuid' },
  created: [
    { field: 'districtCode', column: 'district_code', cast: 'text' },
    { field: 'documentNumber', column: 'document_number', cast: 'text' },
    { field: 'agencyName', column: 'agency_name', cast: 'text' },
    { field: 'replyDueOn', column: 'reply_due_on', cast: 'date' },
  ],
  columns: [
    { field: 'districtCode', column: 'district_code', cast: 'text' },
    { field: 'documentNumber', column: 'document_number', cast: 'text' },
    { field: 'agencyName', column: 'agency_name', cast: 'text' },
    { field: 'replyDueOn', column: 'reply_due_on', cast: 'date' },
    { field: 'issuedAt', column: 'issued_at', cast: 'timestamptz' },
    { field: 'overdueAt', column: 'overdue_at', cast: 'timestamptz' },
    { field: 'repliedAt', column: 'replied_at', cast: 'timestamptz' },
    { field: 'repliedOnTime', column: 'replied_on_time', cast: 'boolean' },
    { field: 'adoption', column: 'adoption', cast: 'text' },
    { field: 'checkedAt', column: 'checked_at', cast: 'timestamptz' },
    { field: 'rectified', column: 'rectified', cast: 'boolean' },
    { field: 'escalatedAt', column: 'escalated_at', cast: 'timestamptz' },
  ],
  select: `recommendation_id::text AS "recommendationId", district_code AS "districtCode", document_number AS "documentNumber",
           agency_name AS "agencyName", to_char(reply_due_on, 'YYYY-MM-DD') AS "replyDueOn", issued_at AS "issuedAt",
           overdue_at AS "overdueAt", replied_at AS "repliedAt", replied_on_time AS "repliedOnTime", adoption,
           checked_at AS "checkedAt", rectified, escalated_at AS "escalatedAt"`,
});
