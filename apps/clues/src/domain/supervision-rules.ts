import type { ReferredClue } from './referral';
import { reportingDelayDays, reportingInOn, type SupervisionState } from './supervision';

/**
 * The supervision rules of community corrections (社区矫正同步监督). Each broken rule raises ONE
 * clue per person and rule, whatever event broke it or however often; limits come from config.
 */
export type SupervisionRule = 'late-report-in' | 'missed-check-ins' | 'release-not-announced';

export interface SupervisionLimits {
  /** Reporting in is due within this many days of the judgment taking effect (10: day 10 is on time, day 11 late). */
  reportInDays: number;
  /** More missed check-ins than this break the rule. */
  missedCheckInsLimit: number;
}

export function supervisionLimits(config: { CORRECTIONS_REPORT_IN_DAYS: number; CORRECTIONS_MISSED_CHECK_INS_LIMIT: number }): SupervisionLimits {
  return { reportInDays: config.CORRECTIONS_REPORT_IN_DAYS, missedCheckInsLimit: config.CORRECTIONS_MISSED_CHECK_INS_LIMIT };
}

export interface RuleBreach {
  rule: SupervisionRule;
  title: string;
  description: string;
}

const ORIGIN = '（社区矫正同步监督：依据社区矫正平台推送的数据自动生成）';

/** Every rule the person's state breaks now (the caller raises a clue for those not raised yet). */
export function brokenRules(personId: string, state: SupervisionState, limits: SupervisionLimits): RuleBreach[] {
  const who = `社区矫正对象 ${personId}`;
  const breaches: RuleBreach[] = [];

  const delay = reportingDelayDays(state);
  const on = reportingInOn(state);
  if (delay !== null && on !== null && delay > limits.reportInDays) {
    const how = on === state.reportedInOn ? '报到' : '入矫，此前未见报到记录';
    breaches.push({
      rule: 'late-report-in',
      title: `${who} 报到超期（判决生效后第 ${delay} 日报到）`,
      description: `判决于 ${state.judgmentEffectiveOn} 生效，${who}于 ${on} ${how}，距判决生效 ${delay} 日，超过规定的 ${limits.reportInDays} 日报到期限 ${delay - limits.reportInDays} 日。${ORIGIN}`,
    });
  }

  if (state.missedCheckIns > limits.missedCheckInsLimit) {
    breaches.push({
      rule: 'missed-check-ins',
      title: `${who} 多次未按规定签到报告（已 ${state.missedCheckIns} 次，限 ${limits.missedCheckInsLimit} 次）`,
      description: `${who}累计 ${state.missedCheckIns} 次未按规定签到报告，超过 ${limits.missedCheckInsLimit} 次的限度；按时签到 ${state.checkIns} 次，受警告 ${state.warnings} 次。${ORIGIN}`,
    });
  }

  if (state.releasedOn !== null && state.releaseAnnounced === false) {
    breaches.push({
      rule: 'release-not-announced',
      title: `${who} 解矫未宣告（${state.releasedOn} 解矫）`,
      description: `${who}于 ${state.releasedOn} 解除社区矫正，社区矫正平台未记录解矫宣告。${ORIGIN}`,
    });
  }
  return breaches;
}

/** One clue per person and rule: this reference is unique among clues. */
export const supervisionClueRef = (personId: string, rule: SupervisionRule) => `corrections:${personId}:${rule}`;

export const SUPERVISION_RULES: readonly SupervisionRule[] = ['late-report-in', 'missed-check-ins', 'release-not-announced'];

/** The supervision clue of a breach, in the person's district; no informant (the bureau's data). */
export function supervisionClue(personId: string, districtCode: string, breach: RuleBreach): ReferredClue {
  return {
    originRef: supervisionClueRef(personId, breach.rule),
    title: breach.title,
    description: breach.description,
    category: 'COMMUNITY_CORRECTIONS',
    source: 'COMMUNITY_CORRECTIONS',
    districtCode,
    gridCode: null,
    location: null,
    reporterMemberId: null,
    submittedBy: 'corrections',
  };
}
