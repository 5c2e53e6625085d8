import { defineEvent } from '../../define-event';
import { PATTERNS } from '../../envelope';

export const UNIT_LEVELS = ['STREET', 'COMMUNITY', 'GRID'] as const;
export const HIERARCHY_CHANGES = ['CREATED', 'RENAMED', 'RETIRED'] as const;

export interface HierarchyChangedData {
  code: string;
  level: (typeof UNIT_LEVELS)[number];
  change: (typeof HIERARCHY_CHANGES)[number];
  name: string;
  /** Name before a rename; null otherwise. */
  previousName: string | null;
  /** The parent unit's code; a street's parent is its district. */
  parentCode: string;
  districtCode: string;
  changedAt: string;
}

export const hierarchyChanged = defineEvent<HierarchyChangedData>({
  type: 'grids.hierarchy.changed',
  version: 1,
  topic: 'grids.hierarchy.v1',
  aggregate: 'hierarchy',
  partnerReadable: true,
  description:
    'A unit of the governance hierarchy (street/town, community/village, grid) was created, renamed or retired. Keyed by the unit code. No personal information: partner-readable.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['code', 'level', 'change', 'name', 'previousName', 'parentCode', 'districtCode', 'changedAt'],
    properties: {
      code: { type: 'string', minLength: 1, maxLength: 64 },
      level: { type: 'string', enum: UNIT_LEVELS },
      change: { type: 'string', enum: HIERARCHY_CHANGES },
      name: { type: 'string', minLength: 1, maxLength: 100 },
      previousName: { anyOf: [{ type: 'string', minLength: 1, maxLength: 100 }, { type: 'null', nullable: true }] },
      parentCode: { type: 'string', minLength: 1, maxLength: 64 },
      districtCode: { type: 'string', pattern: PATTERNS.district },
      changedAt: { type: 'string', format: 'date-time' },
    },
  },
});
