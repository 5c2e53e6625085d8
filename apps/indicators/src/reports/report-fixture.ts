import { CITY, CITY_CODE, DISTRICTS, jurisdictionOf } from '@pgov/reference-data';
import { seededRandom } from '@pgov/demo-data';
import { valueOf, type IndicatorDirection, type IndicatorUnit } from '../domain/catalogue';
import type { IndicatorReport, OverdueItem } from '../domain/report';
import { assembleReport, type StoredValue } from '../domain/report-assembly';

/**
 * A realistic report for tests and previews: the 17 seeded indicators for 2026-Q4 with believable
 * district figures for this quarter and the last, assembled into a report by the service's own
 * assembleReport (ranks, trends, target checks). Deterministic: a seeded generator, no clock. `reportFixture('610100')` gives the city's report over the same district figures.
 */

interface Spec {
  code: string;
  name: string;
  description: string;
  unit: IndicatorUnit;
  direction?: IndicatorDirection;
  scope?: 'NATIONAL' | 'REGIONAL';
  target: number | null;
  /** The value range districts fall in (a rate, mean days or a count). */
  range: [number, number];
  /** Denominator range for rates and means. */
  per?: [number, number];
  /** Districts with nothing counted (a rate with no denominator). */
  missing?: string[];
}

const SPECS: Spec[] = [
  { code: 'CLUES_FROM_GRIDS', name: '网格上报线索数', description: '网格员上报的线索数量', unit: 'COUNT', target: null, range: [18, 96] },
  { code: 'CLUE_ACCEPTANCE_RATE', name: '线索受理率', description: '已受理线索数 / 已作出决定的线索数', unit: 'RATE', target: 0.6, range: [0.42, 0.88], per: [12, 60] },
  { code: 'CLUE_TO_CASE_RATE', name: '线索成案率', description: '已立案线索数 / 已受理线索数', unit: 'RATE', target: 0.3, range: [0.12, 0.45], per: [8, 40] },
  { code: 'CLUE_DECISION_DAYS', name: '线索平均处理天数', description: '自上报至受理或不予受理的平均天数', unit: 'DAYS', direction: 'LOWER_IS_BETTER', target: 15, range: [6, 24], per: [12, 60] },
  { code: 'RECOMMENDATIONS_ISSUED', name: '制发检察建议数', description: '本期制发的检察建议数量', unit: 'COUNT', target: null, range: [2, 14] },
  { code: 'RECOMMENDATION_REPLY_ON_TIME_RATE', name: '检察建议按期回复率', description: '在期限内回复的检察建议 / 应回复的检察建议', unit: 'RATE', target: 0.95, range: [0.7, 1], per: [3, 14] },
  { code: 'RECOMMENDATION_ADOPTION_RATE', name: '检察建议采纳率', description: '采纳或部分采纳的回复 / 全部回复', unit: 'RATE', target: 0.9, range: [0.75, 1], per: [3, 12] },
  { code: 'RECTIFICATION_RATE', name: '整改落实率', description: '跟进监督认定已整改 / 跟进监督数', unit: 'RATE', target: 0.9, range: [0.6, 1], per: [2, 10] },
  { code: 'PROCEDURAL_REPLY_7D_RATE', name: '群众来信7日内程序性回复率', description: '7日内作出程序性回复的来信 / 收到的来信', unit: 'RATE', target: 1, range: [0.88, 1], per: [20, 120] },
  { code: 'RESULT_REPLY_3M_RATE', name: '群众来信3个月内办理过程或结果答复率', description: '3个月内答复办理过程或结果的来信 / 到期来信', unit: 'RATE', target: 1, range: [0.8, 1], per: [15, 90], missing: ['610124'] },
  { code: 'LEADERSHIP_OWNERSHIP_RATE', name: '首次信访领导包案率', description: '院领导包案的首次信访 / 首次信访（三类）', unit: 'RATE', target: 1, range: [0.75, 1], per: [4, 20] },
  { code: 'PUBLIC_HEARINGS_HELD', name: '公开听证数', description: '本期举行的公开听证次数', unit: 'COUNT', target: null, range: [1, 12] },
  { code: 'HEARING_OPINION_ADOPTION_RATE', name: '听证意见采纳率', description: '采纳听证员多数意见的听证 / 已结束的听证', unit: 'RATE', target: 0.9, range: [0.67, 1], per: [1, 9], missing: ['610114', '610122'] },
  { code: 'INFORMANT_GRID_COVERAGE', name: '检察信息员网格覆盖率', description: '有在岗检察信息员的网格 / 全部网格', unit: 'RATE', target: 0.8, range: [0.55, 0.97], per: [60, 420] },
  { code: 'MEMBERS_TRAINED', name: '业务培训人次', description: '参加业务培训的人次', unit: 'COUNT', target: null, range: [20, 180] },
  { code: 'GRID_PUBLIC_INTEREST_REFERRALS', name: '网格移送公益诉讼线索数', description: '网格上报的公益诉讼线索数量', unit: 'COUNT', scope: 'REGIONAL', target: null, range: [0, 18] },
  { code: 'ADMIN_DISPUTES_RESOLVED_AT_HEARINGS', name: '行政争议听证化解数', description: '经公开听证化解的行政争议数量', unit: 'COUNT', scope: 'REGIONAL', target: null, range: [0, 7] },
];

interface Tally {
  numerator: number;
  denominator: number;
}

const between = (r: () => number, [lo, hi]: [number, number]) => lo + (hi - lo) * r();

/** One district's numerator and denominator for a spec; null for a rate with nothing counted. */
function tally(spec: Spec, r: () => number, code: string): Tally | null {
  if (spec.missing?.includes(code)) return null;
  if (spec.unit === 'COUNT') return { numerator: Math.round(between(r, spec.range)), denominator: 0 };
  const denominator = Math.round(between(r, spec.per ?? [10, 50]));
  const mean = between(r, spec.range);
  // Rates count whole items; mean days sum fractional days.
  const numerator = spec.unit === 'RATE' ? Math.min(denominator, Math.round(mean * denominator)) : Number((mean * denominator).toFixed(4));
  return { numerator, denominator };
}

/** The stored values of a spec: every district and the city (their sum), this quarter and the last. */
function storedValues(spec: Spec, index: number): StoredValue[] {
  const r = seededRandom(2026_04 + index * 7919);
  const out: StoredValue[] = [];
  for (const period of ['2026-Q4', '2026-Q3']) {
    const tallies = DISTRICTS.map((d) => [d.code, tally(spec, r, d.code)] as const);
    const city = tallies.reduce<Tally>((sum, [, t]) => ({ numerator: sum.numerator + (t?.numerator ?? 0), denominator: sum.denominator + (t?.denominator ?? 0) }), { numerator: 0, denominator: 0 });
    for (const [districtCode, t] of [...tallies, [CITY_CODE, city] as const]) {
      if (t) out.push({ indicatorCode: spec.code, districtCode, period, ...t, value: valueOf(spec.unit, t.numerator, t.denominator) });
    }
  }
  return out;
}

const OVERDUE: OverdueItem[] = [
  { kind: 'RECOMMENDATION_REPLY', districtCode: '610113', reference: '雁检建〔2026〕12号', agencyName: '西安市雁塔区城市管理和综合执法局', dueOn: '2026-12-08', daysOverdue: 28 },
  { kind: 'RECOMMENDATION_REPLY', districtCode: '610113', reference: '雁检建〔2026〕17号', agencyName: '西安市雁塔区市场监督管理局', dueOn: '2026-12-22', daysOverdue: 14 },
  { kind: 'PETITION_PROCEDURAL_REPLY', districtCode: '610113', reference: '3f0c2a9e-5b1d-4c7e-9a60-2d8e1b7f4c31', agencyName: null, dueOn: '2026-12-31', daysOverdue: 5 },
  { kind: 'PETITION_RESULT_REPLY', districtCode: '610113', reference: 'b7e41d02-8c3f-4a95-b1e6-0f9d2c5a7e18', agencyName: null, dueOn: '2026-12-19', daysOverdue: 17 },
  { kind: 'RECOMMENDATION_REPLY', districtCode: '610116', reference: '长检建〔2026〕9号', agencyName: '西安市长安区自然资源和规划局', dueOn: '2026-12-15', daysOverdue: 21 },
  { kind: 'PETITION_PROCEDURAL_REPLY', districtCode: '610102', reference: 'c91a5e37-2f6b-4d08-8e4c-6a1b3d9f0e52', agencyName: null, dueOn: '2027-01-02', daysOverdue: 3 },
];

/** The report of a district (雁塔区 by default) or of the city ('610100') for 2026-Q4. */
export function reportFixture(jurisdictionCode = '610113'): IndicatorReport {
  const jurisdiction = jurisdictionOf(jurisdictionCode) ?? CITY;
  // Assembled the way the service assembles reports: the fixture shows what the service would.
  return assembleReport({
    jurisdiction,
    periodKind: 'QUARTER',
    period: '2026-Q4',
    catalogue: SPECS.map((s) => ({ code: s.code, name: s.name, description: s.description, unit: s.unit, direction: s.direction ?? 'HIGHER_IS_BETTER', scope: s.scope ?? 'NATIONAL', target: s.target })),
    values: SPECS.flatMap((s, i) => storedValues(s, i)),
    overdue: jurisdiction.code === CITY_CODE ? OVERDUE : OVERDUE.filter((o) => o.districtCode === jurisdiction.code),
    generatedAt: new Date('2027-01-05T01:30:00.000Z'),
  });
}

export const REPORT_FIXTURE: IndicatorReport = reportFixture();
