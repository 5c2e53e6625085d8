import { createHash } from 'node:crypto';
import { demoUuid, seededRandom } from '@pgov/demo-data';
import { Role, type Identity } from '@pgov/auth';
import { CLUE_DEPARTMENTS, type ClueCategory, type ClueDepartment, type ClueSource } from '@pgov/contracts';
import { DISTRICTS, fromChinaWallClock, toChinaWallClock, type Jurisdiction } from '@pgov/reference-data';
import { yearInChina } from '../domain/clock';
import { isDecided } from '../domain/clue-queue';
import type { RiskFactor, RiskLevel } from '../domain/clue-risk';
import type { ClueAction, ClueStatus } from '../domain/clue-states';
import { decideTransition, type TransitionSubject } from '../domain/clue-transition';
import { clueNumber } from '../domain/submit-clue';

/**
 * Deterministic demo clues for the 13 districts: the same seed, scale and end of the window give
 * the same clues (ids, numbers, histories included). Pure: nothing is read or written here.
 * Every state change is decided by the domain (decideTransition, as a procurator of the district),
 * so each history is a path the service itself could have taken.
 */
export interface DemoClueScale {
  /** Clues of the whole city, shared evenly by the 13 districts. */
  clues: number;
  /** The part of the grids demo network the grid codes come from (the grids seed's scale of the same name). */
  streets: number;
  communities: number;
  grids: number;
}

export const SCALES: Record<'demo' | 'large', DemoClueScale> = {
  demo: { clues: 20 * DISTRICTS.length, streets: 2, communities: 2, grids: 3 },
  large: { clues: 1_000_000, streets: 10, communities: 8, grids: 10 },
};

/** The window's end by default: clues are submitted in the 12 calendar months before it (China time). */
export const DEFAULT_UNTIL = new Date('2026-11-01T00:00:00+08:00');

export interface DemoTransition {
  from: ClueStatus | null;
  to: ClueStatus;
  by: string;
  reason: string | null;
  at: Date;
  department: ClueDepartment | null;
}

export interface DemoAttachment {
  id: string;
  name: string;
  sha256: string;
  size: number;
  mediaType: string;
}

export interface DemoClue {
  id: string;
  number: string;
  districtCode: string;
  year: number;
  seq: number;
  title: string;
  description: string;
  source: ClueSource;
  category: ClueCategory;
  status: ClueStatus;
  department: ClueDepartment | null;
  gridCode: string | null;
  location: string | null;
  /** Always null: informants are the grids service's members, not invented here. */
  reporterMemberId: null;
  submittedBy: string;
  submittedAt: Date;
  originRef: string | null;
  decidedAt: Date | null;
  riskLevel: RiskLevel | null;
  riskFactors: RiskFactor[];
  handlingPlan: string | null;
  riskAssessedBy: string | null;
  riskAssessedAt: Date | null;
  /** Oldest first; the first is the submission (from null to SUBMITTED). */
  transitions: DemoTransition[];
  attachments: DemoAttachment[];
}

type Random = () => number;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const WINDOW_DAYS = 365;

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

function weighted<T extends string>(random: Random, weights: Readonly<Record<T, number>>): T {
  const entries = Object.entries(weights) as [T, number][];
  let r = random() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

/** A delay of at least `minDays`, exponentially spread around `meanDays` more. */
const delay = (random: Random, minDays: number, meanDays: number) => Math.round((minDays - Math.log(1 - random()) * meanDays) * DAY_MS);

/** How many of `total` clues district `index` gets (the remainder goes to the first districts). */
export function cluesOfDistrict(scale: DemoClueScale, index: number): number {
  const base = Math.floor(scale.clues / DISTRICTS.length);
  return base + (index < scale.clues % DISTRICTS.length ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: places, titles per category, descriptions, reasons.

const PLACES = {
  road: ['长安南路', '小寨东路', '太白北路', '朱雀大街', '含光路', '电子正街', '唐延路', '科技路', '凤城八路', '未央路', '纬二街', '雁翔路', '曲江大道', '北关正街', '红光路', '幸福南路'],
  village: ['东三爻村', '西八里村', '沙井村', '南窑头村', '丈八村', '郭杜村', '鱼化寨', '辛家庙村', '等驾坡村', '韦曲村', '新筑村', '草滩村'],
  community: ['阳光小区', '和平小区', '锦绣花园', '翠华小区', '育才小区', '文苑小区', '金桥小区', '东方花园', '紫薇花园', '长延堡小区'],
  company: ['某化工企业', '某建材公司', '某物流园', '某汽修厂', '某养殖场', '某食品厂', '某家具厂', '某混凝土搅拌站'],
  market: ['胡家庙农贸市场', '朱雀农贸市场', '大明宫建材市场', '康复路批发市场', '小商品批发市场', '夜市一条街'],
  school: ['第一中学', '实验小学', '育英小学', '第三十中学', '职业技术学校', '外国语学校'],
} as const;

type Place = keyof typeof PLACES;

/** Title templates per category: `{place}` is filled from PLACES. */
const TITLES: Record<ClueCategory, readonly (readonly [Place, string])[]> = {
  PUBLIC_INTEREST_ECOLOGY: [
    ['road', '{}附近河道夜间偷排污水'],
    ['village', '{}进村路口长期堆放建筑垃圾'],
    ['company', '{}违规排放刺鼻废气'],
    ['road', '{}建筑工地扬尘污染严重'],
    ['village', '{}附近河道非法采砂'],
    ['community', '{}旁露天焚烧垃圾'],
    ['company', '{}危险废物随意堆放'],
    ['village', '{}农田旁私设暗管排污'],
  ],
  PUBLIC_INTEREST_FOOD_DRUG: [
    ['market', '{}无证食品作坊加工熟食'],
    ['school', '{}周边小卖部销售“三无”食品'],
    ['road', '{}某药店无处方销售处方药'],
    ['market', '{}销售过期变质肉制品'],
    ['community', '{}附近餐馆疑使用地沟油'],
    ['road', '{}某诊所非法销售减肥药'],
    ['market', '{}水产摊位疑使用违禁药物'],
    ['school', '{}食堂食材来源不明'],
  ],
  PUBLIC_INTEREST_STATE_ASSETS: [
    ['road', '{}国有门面房被低价转租'],
    ['village', '{}集体资产被个人长期占用'],
    ['community', '{}公共停车场收费去向不明'],
    ['village', '{}农机购置补贴疑被冒领'],
    ['village', '{}高标准农田建设资金疑被挪用'],
    ['community', '{}养老服务补贴疑被虚报冒领'],
  ],
  PUBLIC_INTEREST_LAND: [
    ['village', '{}占用耕地违法建房'],
    ['village', '{}基本农田被挖塘取土'],
    ['road', '{}沿线违规搭建彩钢房'],
    ['village', '{}林地被非法开垦'],
    ['village', '{}耕地上违规堆放砂石'],
    ['community', '{}绿化带被私自圈占'],
  ],
  PUBLIC_INTEREST_WORK_SAFETY: [
    ['road', '{}建筑工地脚手架存在安全隐患'],
    ['market', '{}消防通道长期被堵塞'],
    ['company', '{}违规储存易燃易爆物品'],
    ['community', '{}电动车楼道充电存在火灾隐患'],
    ['road', '{}燃气管道老化存在泄漏风险'],
    ['company', '{}工人未配备安全防护用品'],
    ['market', '{}私拉乱接电线存在火灾隐患'],
  ],
  PUBLIC_INTEREST_HERITAGE: [
    ['village', '{}古建筑年久失修濒临坍塌'],
    ['road', '{}文物保护范围内违规施工'],
    ['village', '{}附近古墓葬疑被盗掘'],
    ['road', '{}历史街区传统风貌遭破坏'],
    ['village', '{}文物保护标志碑被损毁'],
  ],
  PUBLIC_INTEREST_MINORS: [
    ['school', '{}附近网吧接纳未成年人'],
    ['school', '{}周边酒吧向未成年人售酒'],
    ['road', '{}某KTV违规接纳未成年人'],
    ['community', '{}留守儿童疑监护缺失'],
    ['school', '{}周边商店向学生售卖电子烟'],
    ['road', '{}某培训机构无资质办学'],
  ],
  CRIMINAL: [
    ['community', '{}疑似电信网络诈骗窝点'],
    ['road', '{}某商铺疑似组织赌博'],
    ['village', '{}疑似非法集资宣传'],
    ['market', '{}疑似销售假冒注册商标商品'],
    ['community', '{}疑似传销人员聚集'],
    ['road', '{}某公司疑似暴力催收'],
  ],
  CIVIL: [
    ['company', '{}拖欠农民工工资'],
    ['community', '{}物业公司侵占公共收益'],
    ['road', '{}某商户拒不履行生效判决'],
    ['village', '{}土地承包纠纷疑涉虚假诉讼'],
    ['company', '{}欠缴职工社会保险费'],
  ],
  ADMINISTRATIVE: [
    ['road', '{}占道经营长期无人查处'],
    ['village', '{}违法建筑拆除程序不规范'],
    ['market', '{}行政处罚决定未执行到位'],
    ['community', '{}低保资格审核不严'],
    ['road', '{}某执法部门疑似乱收费'],
  ],
  // Community corrections: titled by the supervision rules (domain/supervision-rules.ts).
  COMMUNITY_CORRECTIONS: [],
};

const DETAILS: Record<ClueCategory, readonly string[]> = {
  PUBLIC_INTEREST_ECOLOGY: ['周边群众反映气味刺鼻，河水发黑', '持续时间较长，多次反映未见处理', '涉及周边居民饮水和农田灌溉安全'],
  PUBLIC_INTEREST_FOOD_DRUG: ['卫生条件差，无任何证照', '主要销售对象为学生和老人', '已有群众食用后出现不适'],
  PUBLIC_INTEREST_STATE_ASSETS: ['涉及金额较大，账目不公开', '群众多次询问未获答复', '疑有相关人员违规操作'],
  PUBLIC_INTEREST_LAND: ['占地面积约十余亩', '施工多在夜间进行', '相关部门曾下达整改通知但未落实'],
  PUBLIC_INTEREST_WORK_SAFETY: ['现场无任何安全警示标志', '隐患已存在数月', '周边人员密集，一旦发生事故后果严重'],
  PUBLIC_INTEREST_HERITAGE: ['属区级文物保护单位', '现场有新近施工痕迹', '管理单位未采取保护措施'],
  PUBLIC_INTEREST_MINORS: ['多次发现中小学生出入', '经营者未查验身份证件', '家长反映强烈'],
  CRIMINAL: ['人员进出频繁，多在夜间活动', '已有多名群众受骗', '涉案人员疑有组织分工'],
  CIVIL: ['涉及人数较多', '当事人多次协商未果', '疑有恶意转移财产行为'],
  ADMINISTRATIVE: ['群众多次投诉未见处理', '相关行政机关疑似不作为', '程序明显存在瑕疵'],
  COMMUNITY_CORRECTIONS: [],
};

const INTRO: Record<ClueSource, string> = {
  GRID_REPORT: '网格员巡查发现',
  HOTLINE_12309: '12309检察服务热线来电反映',
  GRID_CENTRE_REFERRAL: '区综治中心移送',
  COMMUNITY_CORRECTIONS: '社区矫正平台推送',
  INTERNAL_TRANSFER: '本院其他部门在办案中发现',
  PETITION: '群众来信来访反映',
};

const REJECT_REASONS = ['不属于检察机关管辖，已告知向有关部门反映', '反映内容不具体，无法核实', '经初步核实，反映情况不属实', '已由其他机关依法处理完毕'];
const CLOSE_REASONS = ['经调查核实，未发现违法犯罪事实', '相关单位已自行整改到位，无需立案', '证据不足，暂不具备立案条件', '已督促行政机关依法履职，问题已解决'];
const HANDLING_PLANS = ['成立专班跟进，与属地街道、公安机关建立联动机制，做好矛盾化解和舆情应对', '提前研判风险点，落实释法说理，安排专人对接当事人', '联合属地综治中心开展风险排查，制定应急预案'];

const DEPARTMENT_NAMES: Record<ClueDepartment, string> = { CRIMINAL: '刑事检察', CIVIL: '民事检察', ADMINISTRATIVE: '行政检察', PUBLIC_INTEREST: '公益诉讼检察' };

const CATEGORY_WEIGHTS: Record<ClueCategory, number> = {
  PUBLIC_INTEREST_ECOLOGY: 16,
  PUBLIC_INTEREST_FOOD_DRUG: 12,
  PUBLIC_INTEREST_STATE_ASSETS: 6,
  PUBLIC_INTEREST_LAND: 9,
  PUBLIC_INTEREST_WORK_SAFETY: 10,
  PUBLIC_INTEREST_HERITAGE: 3,
  PUBLIC_INTEREST_MINORS: 7,
  CRIMINAL: 14,
  CIVIL: 9,
  ADMINISTRATIVE: 8,
  COMMUNITY_CORRECTIONS: 6,
};

/** Sources of the clues that are not community-corrections supervision: mostly grid reports. */
const SOURCE_WEIGHTS: Partial<Record<ClueSource, number>> = {
  GRID_REPORT: 72,
  HOTLINE_12309: 12,
  GRID_CENTRE_REFERRAL: 7,
  PETITION: 5,
  INTERNAL_TRANSFER: 4,
};

/** The department a clue of this category belongs with (community corrections: criminal execution sits with criminal). */
export function departmentOf(category: ClueCategory): ClueDepartment {
  if (category.startsWith('PUBLIC_INTEREST_')) return 'PUBLIC_INTEREST';
  if (category === 'CIVIL' || category === 'ADMINISTRATIVE') return category;
  return 'CRIMINAL';
}

const ATTACHMENT_KINDS = [
  { name: (k: number) => `现场照片${k}.jpg`, mediaType: 'image/jpeg', min: 200_000, max: 6_000_000 },
  { name: (k: number) => `现场照片${k}.jpg`, mediaType: 'image/jpeg', min: 200_000, max: 6_000_000 },
  { name: (k: number) => `现场视频${k}.mp4`, mediaType: 'video/mp4', min: 5_000_000, max: 300_000_000 },
  { name: (k: number) => `举报材料${k}.pdf`, mediaType: 'application/pdf', min: 50_000, max: 3_000_000 },
  { name: (k: number) => `录音${k}.m4a`, mediaType: 'audio/mp4', min: 300_000, max: 20_000_000 },
] as const;

const ATTACHMENT_SHARE: Record<ClueSource, number> = {
  GRID_REPORT: 0.45,
  HOTLINE_12309: 0.15,
  GRID_CENTRE_REFERRAL: 0.3,
  COMMUNITY_CORRECTIONS: 0,
  INTERNAL_TRANSFER: 0.25,
  PETITION: 0.2,
};

// ---------------------------------------------------------------------------------------------

/**
 * Submission instants of a district's clues, oldest first: days spread over the 365 days before
 * `until` (weekends quieter), mostly in office hours China time.
 */
function submissionTimes(random: Random, count: number, until: Date): Float64Array {
  const untilWall = toChinaWallClock(until).getTime();
  const firstDayWall = Math.floor(untilWall / DAY_MS) * DAY_MS - WINDOW_DAYS * DAY_MS;
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    for (;;) {
      const dayWall = firstDayWall + Math.floor(random() * WINDOW_DAYS) * DAY_MS;
      const weekday = new Date(dayWall).getUTCDay();
      if ((weekday === 0 || weekday === 6) && random() < 0.6) continue;
      const hour = random() < 0.88 ? 8 + random() * 10 : random() * 24;
      const at = fromChinaWallClock(new Date(dayWall + Math.floor(hour * HOUR_MS))).getTime();
      if (at >= until.getTime()) continue;
      times[i] = at;
      break;
    }
  }
  return times.sort();
}

interface Ctx {
  seed: number;
  random: Random;
  district: Jurisdiction;
  scale: DemoClueScale;
  until: number;
  procurator: Identity;
  clerk: string;
}

function gridCodeOf(ctx: Ctx): string {
  const { random, scale, district } = ctx;
  const street = 1 + Math.floor(random() * scale.streets);
  const community = 1 + Math.floor(random() * scale.communities);
  const grid = 1 + Math.floor(random() * scale.grids);
  return `${district.code}-${String(street).padStart(3, '0')}-${String(community).padStart(3, '0')}-${String(grid).padStart(2, '0')}`;
}

/** The fields a clue is born with: what, where, from whom. */
function birth(ctx: Ctx, index: number) {
  const { random, district, seed } = ctx;
  const category = weighted(random, CATEGORY_WEIGHTS);
  let source: ClueSource;
  let title: string;
  let description: string;
  let place: string | null = null;
  let originRef: string | null = null;
  let submittedBy = ctx.clerk;
  if (category === 'COMMUNITY_CORRECTIONS') {
    // As the supervision rules raise them: the bureau's case id only, no names.
    source = 'COMMUNITY_CORRECTIONS';
    const personId = `SXJZ-DEMO-${district.code}-${String(index + 1).padStart(6, '0')}`;
    const missed = 4 + Math.floor(random() * 5);
    title = `社区矫正对象 ${personId} 多次未按规定签到报告（已 ${missed} 次，限 3 次）`;
    description = `社区矫正对象 ${personId}累计 ${missed} 次未按规定签到报告，超过 3 次的限度。（社区矫正同步监督：依据社区矫正平台推送的数据自动生成）`;
    originRef = `corrections:${personId}:missed-check-ins`;
    submittedBy = 'corrections';
  } else {
    source = weighted(random, SOURCE_WEIGHTS as Record<ClueSource, number>);
    const [kind, template] = pick(random, TITLES[category]);
    place = pick(random, PLACES[kind]);
    title = template.replace('{}', place);
    description = `${INTRO[source]}：${district.name}${title}。${pick(random, DETAILS[category])}，请检察机关依法关注。`;
    if (source === 'PETITION') {
      originRef = `petition-referral:${demoUuid(seed, `petition-referral:${district.code}:${index}`)}`;
      submittedBy = 'event:petitions';
    } else if (source === 'GRID_CENTRE_REFERRAL') {
      originRef = `grid-centre:DEMO-${district.code}-${index + 1}`;
      submittedBy = `partner:GC-${district.code}`;
    }
  }
  // A grid report names its grid; a grid centre's referral usually does.
  const gridCode = source === 'GRID_REPORT' || (source === 'GRID_CENTRE_REFERRAL' && random() < 0.7) ? gridCodeOf(ctx) : null;
  const location = place && source !== 'INTERNAL_TRANSFER' ? `${district.name}${place}` : null;
  return { category, source, title, description, gridCode, location, originRef, submittedBy };
}

type Step = { action: ClueAction; after: number; department?: ClueDepartment; reason?: string };

/**
 * The clue's life after submission as the procuratorate would live it: the next action and when,
 * until the window's end or a final decision. A few clues stall (the backlog the overdue filter finds).
 */
function nextStep(ctx: Ctx, status: ClueStatus, department: ClueDepartment | null, category: ClueCategory, transferred: boolean): Step | null {
  const { random } = ctx;
  const home = departmentOf(category);
  switch (status) {
    case 'SUBMITTED':
      if (random() < 0.03) return null;
      return random() < 0.85 ? { action: 'ACCEPT', after: delay(random, 0.1, 2) } : { action: 'REJECT', after: delay(random, 0.2, 3), reason: pick(random, REJECT_REASONS) };
    case 'ACCEPTED':
      if (random() < 0.03) return null;
      // Now and then a clue goes to the wrong department first and is transferred on.
      return { action: 'ASSIGN', after: delay(random, 0.2, 2), department: random() < 0.08 ? pick(random, OTHER_DEPARTMENTS[home]) : home };
    case 'TRANSFERRED':
      return { action: 'ASSIGN', after: delay(random, 0.2, 1.5), department: department! };
    case 'ASSIGNED':
      if (department !== home && !transferred) {
        return { action: 'TRANSFER', after: delay(random, 1, 4), department: home, reason: `经审查，属${DEPARTMENT_NAMES[home]}职能范围，移送${DEPARTMENT_NAMES[home]}部门办理` };
      }
      if (random() < 0.05) return null;
      return random() < 0.55
        ? { action: 'OPEN_CASE', after: delay(random, 5, 20) }
        : { action: 'CLOSE_NO_ACTION', after: delay(random, 5, 25), reason: pick(random, CLOSE_REASONS) };
    default:
      return null;
  }
}

const OTHER_DEPARTMENTS = Object.fromEntries(CLUE_DEPARTMENTS.map((d) => [d, CLUE_DEPARTMENTS.filter((o) => o !== d)])) as Record<ClueDepartment, ClueDepartment[]>;

interface Risk {
  level: RiskLevel;
  factors: RiskFactor[];
  plan: string | null;
  at: number;
}

/** About a third of accepted clues get a risk assessment, some time after acceptance. */
function riskOf(ctx: Ctx, acceptedAt: number): Risk | null {
  const { random } = ctx;
  if (random() >= 0.35) return null;
  const level = weighted(random, { LOW: 55, MEDIUM: 32, HIGH: 13 } as Record<RiskLevel, number>);
  const factors: RiskFactor[] = [];
  if (random() < 0.05) factors.push('MILITARY');
  if (random() < (level === 'LOW' ? 0.1 : 0.45)) factors.push('MASS');
  if (random() < 0.15) factors.push('WOMEN_CHILDREN');
  if (random() < (level === 'HIGH' ? 0.5 : 0.12)) factors.push('PETITION');
  // A HIGH risk usually comes with its plan; the few without cannot open a case until one is recorded.
  const plan = level === 'HIGH' ? (random() < 0.9 ? pick(random, HANDLING_PLANS) : null) : random() < 0.15 ? pick(random, HANDLING_PLANS) : null;
  return { level, factors, plan, at: acceptedAt + delay(random, 0.05, 1) };
}

function attachmentsOf(ctx: Ctx, source: ClueSource, number: string): DemoAttachment[] {
  const { random, seed } = ctx;
  if (random() >= ATTACHMENT_SHARE[source]) return [];
  const count = 1 + Math.floor(random() * 3);
  return Array.from({ length: count }, (_, i) => {
    const kind = pick(random, ATTACHMENT_KINDS);
    return {
      id: demoUuid(seed, `attachment:${number}:${i + 1}`),
      name: kind.name(i + 1),
      // Stands for the file's content hash (the files themselves are not generated).
      sha256: createHash('sha256').update(`${seed}:content:${number}:${i + 1}`).digest('hex'),
      size: kind.min + Math.floor(random() * (kind.max - kind.min)),
      mediaType: kind.mediaType,
    };
  });
}

function clueOf(ctx: Ctx, index: number, submittedAt: number, year: number, seq: number): DemoClue {
  const { seed, district, procurator, until } = ctx;
  const number = clueNumber(district.code, year, seq);
  const born = birth(ctx, index);
  const transitions: DemoTransition[] = [{ from: null, to: 'SUBMITTED', by: born.submittedBy, reason: null, at: new Date(submittedAt), department: null }];
  const subject: TransitionSubject = {
    id: number,
    districtCode: district.code,
    submittedBy: born.submittedBy,
    reporterMemberId: null,
    status: 'SUBMITTED',
    department: null,
    riskLevel: null,
    handlingPlan: null,
  };
  let at = submittedAt;
  let risk: Risk | null = null;
  let riskOn = false;
  let transferred = false;
  for (;;) {
    const step = nextStep(ctx, subject.status, subject.department, born.category, transferred);
    const next = step ? at + step.after : Infinity;
    // The assessment, if any, is made in the state the clue is in until its next step.
    if (risk && !riskOn && risk.at < Math.min(next, until)) {
      riskOn = true;
      subject.riskLevel = risk.level;
      subject.handlingPlan = risk.plan;
    }
    if (!step || next >= until) break;
    // A HIGH-risk clue without its plan waits: the domain refuses to open its case.
    if (step.action === 'OPEN_CASE' && subject.riskLevel === 'HIGH' && !subject.handlingPlan) break;
    const t = decideTransition(procurator, subject, { action: step.action, clueId: subject.id, department: step.department, reason: step.reason });
    at = next;
    transitions.push({ from: t.from, to: t.to, by: procurator.subject, reason: t.reason, at: new Date(at), department: t.department });
    subject.status = t.to;
    subject.department = t.department;
    if (t.action === 'TRANSFER') transferred = true;
    if (t.to === 'ACCEPTED') risk = riskOf(ctx, at);
  }
  // An assessment made before a decision; once decided, or past the window's end, there is none to make.
  const assessed = riskOn && risk ? risk : null;
  const last = transitions[transitions.length - 1]!;
  return {
    id: demoUuid(seed, `clue:${number}`),
    number,
    districtCode: district.code,
    year,
    seq,
    title: born.title,
    description: born.description,
    source: born.source,
    category: born.category,
    status: subject.status,
    department: subject.department,
    gridCode: born.gridCode,
    location: born.location,
    reporterMemberId: null,
    submittedBy: born.submittedBy,
    submittedAt: new Date(submittedAt),
    originRef: born.originRef,
    decidedAt: isDecided(subject.status) ? last.at : null,
    riskLevel: assessed?.level ?? null,
    riskFactors: assessed?.factors ?? [],
    handlingPlan: assessed?.plan ?? null,
    riskAssessedBy: assessed ? procurator.subject : null,
    riskAssessedAt: assessed ? new Date(assessed.at) : null,
    transitions,
    attachments: attachmentsOf(ctx, born.source, number),
  };
}

/** The number counters the clues need: the highest sequence of each district and year. */
export function counterRows(clues: Iterable<Pick<DemoClue, 'districtCode' | 'year' | 'seq'>>): { districtCode: string; year: number; last: number }[] {
  const last = new Map<string, { districtCode: string; year: number; last: number }>();
  for (const c of clues) {
    const key = `${c.districtCode}:${c.year}`;
    const row = last.get(key);
    if (!row) last.set(key, { districtCode: c.districtCode, year: c.year, last: c.seq });
    else if (c.seq > row.last) row.last = c.seq;
  }
  return [...last.values()];
}

/**
 * The clues of every district, district by district and oldest first within a district, one at a
 * time, so a large scale never sits in memory whole. Numbers restart at 1 in every district and
 * calendar year (China time) and follow submission order.
 */
export function* demoClues(seed: number, scale: DemoClueScale, until: Date = DEFAULT_UNTIL): Generator<DemoClue> {
  for (const [districtIndex, district] of DISTRICTS.entries()) {
    // One stream per district: a district's clues do not depend on the others'.
    const random = seededRandom(seed ^ Math.imul(districtIndex + 1, 0x9e3779b1));
    const ctx: Ctx = {
      seed,
      random,
      district,
      scale,
      until: until.getTime(),
      procurator: { subject: `demo-procurator-${district.code}`, name: '承办检察官', roles: [Role.PROCURATOR], district: district.code },
      clerk: `demo-clerk-${district.code}`,
    };
    const times = submissionTimes(random, cluesOfDistrict(scale, districtIndex), until);
    const seqs = new Map<number, number>();
    for (let i = 0; i < times.length; i++) {
      const submittedAt = times[i]!;
      const year = yearInChina(new Date(submittedAt));
      const seq = (seqs.get(year) ?? 0) + 1;
      seqs.set(year, seq);
      yield clueOf(ctx, i, submittedAt, year, seq);
    }
  }
}

export { demoUuid };
