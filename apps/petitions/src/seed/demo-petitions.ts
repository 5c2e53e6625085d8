import { createHash } from 'node:crypto';
import { demoUuid, seededRandom } from '@pgov/demo-data';
import { Role, type Identity } from '@pgov/auth';
import type { CLUE_CATEGORIES, PETITION_CHANNELS } from '@pgov/contracts';
import { residentIdCheckChar } from '@pgov/privacy';
import { CITY_CODE, DISTRICTS, fromChinaWallClock, toChinaWallClock, type Jurisdiction } from '@pgov/reference-data';
import { deadlinesComingDue, dueSoonFrom, type ComingDueRules } from '../domain/deadlines-coming-due';
import { deadlinesToAnnounce, dueAtOf, type DeadlineKind, type ReplyRules } from '../domain/deadlines';
import { majorityOpinion, type HearingOpinion } from '../domain/hearing-majority';
import { assertPanelMaySit, EXTERNAL_OFFICER_KINDS, sealPanel, type ExternalOfficerKind, type PanelBounds } from '../domain/hearing-panel';
import { assertMayScheduleHearings, assertPetitionMayHaveHearing, hearingTime } from '../domain/hearing-schedule';
import type { HearingStatus } from '../domain/hearing-states';
import { decideHearingChange, type HearingRequest } from '../domain/hearing-transition';
import { decideHandler } from '../domain/petition-handler';
import { decideOwner, isLeadershipOwned, ownerRequired } from '../domain/petition-ownership';
import { decideReferral } from '../domain/petition-referral';
import { decideReply } from '../domain/petition-replies';
import { isOpen, type PetitionStatus } from '../domain/petition-states';
import type { PetitionCategory, PetitionSubject } from '../domain/petition-subject';
import { decideTransition } from '../domain/petition-transition';
import { decideNewPetition } from '../domain/receive-petition';

/**
 * Deterministic demo petitions (and their replies, history, owners, referrals and public hearings)
 * for the 13 districts. Pure: no I/O, no clock — the same seed and `asOf` give the same rows, ids
 * included. Each petition's life is replayed through the service's own domain decisions (receive,
 * reply, start, refer, own, close, hold a hearing…), so statuses, deadlines, `nextDueAt` and the
 * replied-at columns are what the service itself would have written; an illegal step would throw.
 *
 * Petition n of a district depends only on (seed, district, n, asOf): the demo scale is the first
 * petitions of every district at the large scale, so loading large after demo adds the rest.
 */
export interface DemoScale {
  /** Petitions in the whole city, spread evenly over the 13 districts. */
  petitions: number;
}

export const SCALES: Record<'demo' | 'large', DemoScale> = {
  demo: { petitions: 13 * 15 },
  large: { petitions: 200_000 },
};

export interface DemoOptions {
  /** The end of the generated year: every petition is received in the 365 China days before it, and nothing happens after it. */
  asOf: Date;
  rules: ReplyRules;
  /** The warning windows of the deadline sweep (PROCEDURAL_DUE_SOON_DAYS, RESULT_DUE_SOON_DAYS). */
  comingDue: ComingDueRules;
  panel: PanelBounds;
}

/** How many petitions each district gets (in DISTRICTS order): an even split, the first ones taking the remainder. */
export function petitionsPerDistrict(scale: DemoScale): number[] {
  const each = Math.floor(scale.petitions / DISTRICTS.length);
  const rest = scale.petitions % DISTRICTS.length;
  return DISTRICTS.map((_, i) => each + (i < rest ? 1 : 0));
}

/**
 * A panelist id of the shape the service gives (UUIDv7: the hearing's creation millisecond, then the
 * position as the counter, so a panel sorted by id comes back in panel order), the rest from the seed.
 */
export function demoPanelistId(seed: number, name: string, position: number, ms: number): string {
  const bytes = createHash('sha256').update(`${seed}:${name}`).digest().subarray(0, 16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes.writeUInt16BE(0x7000 | (position & 0x0fff), 6);
  bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type Random = ReturnType<typeof seededRandom>;

/** A 32-bit seed from several integers (each petition, person and district has its own stream). */
function mix(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    for (const word of [p >>> 0, Math.floor(p / 4294967296) >>> 0]) {
      h = Math.imul(h ^ word, 0x01000193);
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d);
      h ^= h >>> 12;
    }
  }
  return h >>> 0;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

const between = (random: Random, min: number, max: number) => min + random() * (max - min);
const pickOne = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
function weighted<T extends string>(random: Random, weights: Record<T, number>): T {
  const entries = Object.entries(weights) as [T, number][];
  let r = random() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉春梅海波鹏飞宇婷雪琳晨浩欣怡涵博凯丹玲佳慧俊峰';
const chineseName = (random: Random) => pickOne(random, [...SURNAMES]) + pickOne(random, [...GIVEN]) + (random() < 0.6 ? pickOne(random, [...GIVEN]) : '');

/** A resident ID number of the district, born 1940–2005; `sequence` (3 digits) keeps groups of people apart. */
function residentId(random: Random, districtCode: string, sequence: number): string {
  const born = new Date(Date.UTC(1940, 0, 1) + Math.floor(random() * 65 * 365.25) * DAY);
  const first17 = `${districtCode}${born.toISOString().slice(0, 10).replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

const mobile = (random: Random) => `1${3 + Math.floor(random() * 7)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;

// ---------------------------------------------------------------------------------------------
// What the generator yields. Personal numbers are in clear here only: the seed seals them (ciphertexts
// and keyed hash) before anything reaches the database.

export interface DemoPetitionRow {
  id: string;
  channel: (typeof PETITION_CHANNELS)[number];
  category: PetitionCategory;
  status: PetitionStatus;
  districtCode: string;
  firstTime: boolean;
  content: string;
  petitionerName: string;
  petitionerMemberId: null;
  receivedAt: Date;
  proceduralReplyDueAt: Date;
  resultReplyDueAt: Date;
  receivedBy: string;
  handlerSubject: string | null;
  nextDueAt: Date | null;
  proceduralRepliedAt: Date | null;
  resultRepliedAt: Date | null;
  proceduralOverdueAt: Date | null;
  resultOverdueAt: Date | null;
  proceduralDueSoonAt: Date | null;
  resultDueSoonAt: Date | null;
  ownerSubject: string | null;
  ownerName: string | null;
  ownerAssignedAt: Date | null;
  referralId: string | null;
  referredAt: Date | null;
}

export interface DemoReply {
  id: string;
  petitionId: string;
  kind: 'PROCEDURAL' | 'PROGRESS' | 'RESULT';
  text: string;
  authorSubject: string;
  authorName: string;
  repliedAt: Date;
  onTime: boolean;
}

export interface DemoTransition {
  petitionId: string;
  from: PetitionStatus | null;
  to: PetitionStatus;
  by: string;
  note: string | null;
  at: Date;
}

export interface DemoOwnerChange {
  petitionId: string;
  ownerSubject: string;
  ownerName: string;
  assignedBy: string;
  at: Date;
}

export interface DemoExternalOfficer {
  externalKind: ExternalOfficerKind;
  externalName: string;
  /** In clear here only; stored as its keyed hash. */
  externalIdNumber: string;
}

export interface DemoPanelist {
  id: string;
  officer: DemoExternalOfficer;
  opinion: HearingOpinion | null;
  opinionText: string | null;
  opinionAt: Date | null;
}

export interface DemoHearingRow {
  id: string;
  petitionId: string;
  districtCode: string;
  subject: string;
  scheduledFor: Date;
  venue: string;
  status: HearingStatus;
  createdBy: string;
  createdAt: Date;
  heldAt: Date | null;
  concludedAt: Date | null;
  majorityOpinion: HearingOpinion | null;
  adopted: boolean | null;
  administrativeDisputeResolved: boolean | null;
  conclusion: string | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
}

export interface DemoHearing {
  row: DemoHearingRow;
  panel: DemoPanelist[];
}

export interface DemoPetition {
  row: DemoPetitionRow;
  petitioner: { idNumber: string; phone: string | null };
  transitions: DemoTransition[];
  replies: DemoReply[];
  ownerChanges: DemoOwnerChange[];
  hearings: DemoHearing[];
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: how often each channel and category comes, and the texts.

const CHANNEL_WEIGHTS: Record<(typeof PETITION_CHANNELS)[number], number> = { LETTER: 25, VISIT: 20, HOTLINE_12309: 18, ONLINE_12309: 30, GRID_REFERRAL: 7 };
const CATEGORY_WEIGHTS: Record<PetitionCategory, number> = {
  CRIMINAL_APPEAL: 15,
  STATE_COMPENSATION: 5,
  CASE_FILING_SUPERVISION: 10,
  CIVIL_SUPERVISION: 25,
  ADMINISTRATIVE_SUPERVISION: 10,
  COMPLAINT: 25,
  SUGGESTION: 10,
};
/** China wall-clock minutes of the day during which each channel registers petitions. */
const CHANNEL_HOURS: Record<(typeof PETITION_CHANNELS)[number], [number, number]> = {
  LETTER: [9 * 60, 17 * 60],
  VISIT: [8 * 60 + 30, 17 * 60 + 30],
  HOTLINE_12309: [8 * 60, 20 * 60],
  ONLINE_12309: [0, 24 * 60],
  GRID_REFERRAL: [8 * 60 + 30, 18 * 60],
};
/** Share of each category's started petitions that get a public hearing. */
const HEARING_RATE: Record<PetitionCategory, number> = {
  CRIMINAL_APPEAL: 0.08,
  STATE_COMPENSATION: 0.08,
  CASE_FILING_SUPERVISION: 0.06,
  CIVIL_SUPERVISION: 0.06,
  ADMINISTRATIVE_SUPERVISION: 0.15,
  COMPLAINT: 0.02,
  SUGGESTION: 0,
};

const CONTENT: Record<PetitionCategory, readonly string[]> = {
  CRIMINAL_APPEAL: ['不服{court}作出的刑事判决，认为量刑过重，请求检察机关依法抗诉。', '对亲属涉嫌盗窃一案的生效判决不服，认为事实不清、证据不足，提出刑事申诉。', '不服{court}刑事附带民事判决的赔偿部分，请求监督。'],
  STATE_COMPENSATION: ['曾被刑事拘留，后撤销案件，申请国家赔偿。', '财产被扣押后未依法返还，请求确认违法并赔偿损失。'],
  CASE_FILING_SUPERVISION: ['向{place}公安分局报案称被诈骗，公安机关至今未立案，请求立案监督。', '反映故意伤害案件公安机关应当立案而不立案，请求监督。'],
  CIVIL_SUPERVISION: ['不服{court}劳动争议民事判决，申请民事检察监督。', '民事执行案件长期未执行到位，申请执行监督。', '反映民间借贷纠纷判决适用法律错误，申请监督。'],
  ADMINISTRATIVE_SUPERVISION: ['对房屋征收补偿决定及相关行政判决不服，申请行政诉讼监督。', '反映行政机关不履行法定职责，法院裁定驳回起诉，申请监督。', '对工伤认定行政诉讼判决不服，申请监督。'],
  COMPLAINT: ['反映办案人员办案拖延、答复不及时，要求处理。', '控告有关人员在案件办理中违规收取费用。'],
  SUGGESTION: ['建议在{place}各社区设立检察联络点，方便群众反映问题。', '建议加强对辖区食品安全领域的公益诉讼监督。'],
};
const REPEATED = '此前已就同一事项反映，至今未获解决。';

const PROCEDURAL_TEXT = '您反映的问题已收悉，本院已依法受理，将在三个月内答复办理进展或结果。';
const PROGRESS_TEXTS = ['您反映的问题正在办理中，本院已调阅相关案卷材料，办理结果将及时告知。', '本院已听取相关单位意见，正在进一步审查，办理结果将及时告知。'];
const RESULT_TEXTS = ['经审查，现将办理结果答复如下：本院已依法作出处理决定，如有异议可依法提出。', '经审查，原处理结果认定事实清楚，适用法律正确，本院决定不支持监督申请，并已当面释法说理。', '经审查，本院已向有关单位发出检察建议，督促依法纠正。'];
const CLOSE_NOTES = [null, null, '已办结归档', '信访人表示满意，案结事了'];

const REFERRALS: readonly { clueCategory: (typeof CLUE_CATEGORIES)[number]; title: string; description: string }[] = [
  { clueCategory: 'CIVIL', title: '信访反映企业拖欠务工人员工资', description: '来信反映辖区某企业长期拖欠工资，涉及人数较多，建议作为民事检察线索审查。' },
  { clueCategory: 'PUBLIC_INTEREST_ECOLOGY', title: '信访反映河道非法采砂', description: '来访反映辖区河段夜间非法采砂，破坏河床，建议作为公益诉讼线索审查。' },
  { clueCategory: 'PUBLIC_INTEREST_FOOD_DRUG', title: '信访反映校园周边售卖过期食品', description: '来电反映学校周边商店售卖过期食品，建议作为公益诉讼线索审查。' },
  { clueCategory: 'ADMINISTRATIVE', title: '信访反映违法建设长期未查处', description: '网上信访反映违法建设经多次举报仍未查处，建议作为行政检察线索审查。' },
  { clueCategory: 'CRIMINAL', title: '信访反映非法集资线索', description: '来信反映有人以高息为名吸收公众存款，建议作为刑事检察线索审查。' },
];

const OPINION_TEXTS: Record<HearingOpinion, readonly (string | null)[]> = {
  SUPPORT: [null, '同意承办检察官的审查意见。', '原处理认定事实清楚，建议维持。'],
  OPPOSE: [null, '认为原处理存在瑕疵，建议进一步核查。'],
  ABSTAIN: [null, '对争议事实尚需补充材料后再作判断。'],
};
const CONCLUSIONS = ['听证员多数意见已充分听取，本院采纳多数意见，依法作出处理决定。', '经公开听证，当事人对处理结果表示认可，矛盾纠纷得到化解。'];

const fill = (template: string, district: Jurisdiction) => template.replace('{court}', `${district.name}人民法院`).replace('{place}', district.name);

// ---------------------------------------------------------------------------------------------
// Who acts: a few staff of each district (the dev-* subjects are mint-token's defaults, so a
// developer's token sees a queue), the same at every scale.

interface Staff {
  clerks: Identity[];
  procurators: Identity[];
  leaders: Identity[];
}

const STAFF_PER_DISTRICT = { clerks: 3, procurators: 8, leaders: 3 };

function staffOf(seed: number, districtIndex: number, code: string): Staff {
  const random = seededRandom(mix(seed, districtIndex, 0x57af));
  const people = (role: Role, kind: string, count: number) =>
    Array.from({ length: count }, (_, i): Identity => ({
      subject: i === 0 ? `dev-${kind}-${code}` : `seed-${kind}-${code}-${i}`,
      name: chineseName(random),
      roles: [role],
      district: code,
    }));
  return {
    clerks: people(Role.CLERK, 'clerk', STAFF_PER_DISTRICT.clerks),
    procurators: people(Role.PROCURATOR, 'procurator', STAFF_PER_DISTRICT.procurators),
    leaders: people(Role.LEADER, 'leader', STAFF_PER_DISTRICT.leaders),
  };
}

const CITY_ADMIN: Identity = { subject: 'seed-city-admin', name: '市院管理员', roles: [Role.CITY_ADMIN], district: CITY_CODE };

/** The district's external hearing officers: three of each kind (sequence numbers 900+ — never a petitioner's). */
function officerPool(seed: number, districtIndex: number, code: string): DemoExternalOfficer[] {
  const random = seededRandom(mix(seed, districtIndex, 0x0ff1));
  return EXTERNAL_OFFICER_KINDS.flatMap((kind, k) =>
    [0, 1, 2].map((i) => ({ externalKind: kind, externalName: chineseName(random), externalIdNumber: residentId(random, code, 900 + k * 3 + i) })),
  );
}

/** A petitioner: the same person for the same (district, index), so repeated petitions share one. */
function petitioner(seed: number, districtIndex: number, code: string, index: number, channel: string) {
  const random = seededRandom(mix(seed, districtIndex, index, 0x9e71));
  const name = chineseName(random);
  const idNumber = residentId(random, code, Math.floor(random() * 900));
  // A few letter writers give no phone number.
  const phone = channel === 'LETTER' && random() < 0.08 ? null : mobile(random);
  return { name, idNumber, phone };
}

// ---------------------------------------------------------------------------------------------
// China calendar helpers.

/** The instant of a China wall-clock time: `day` is a China midnight in wall-clock ms. */
const chinaInstant = (wallDayMs: number, minutes: number) => fromChinaWallClock(new Date(wallDayMs + minutes * MINUTE));
const chinaMidnight = (at: Date) => Math.floor(toChinaWallClock(at).getTime() / DAY) * DAY;
const chinaWeekday = (wallDayMs: number) => new Date(wallDayMs).getUTCDay();

const OPENS = 8 * 60 + 30;
const CLOSES = 18 * 60;
const isWorkday = (wallDayMs: number) => chinaWeekday(wallDayMs) !== 0 && chinaWeekday(wallDayMs) !== 6;

/**
 * Staff act in China working hours (08:30–18:00, Monday to Friday): a time outside them moves into
 * the first two hours of the next working morning, keeping its place within the night or weekend
 * (so the steps of one night keep their order).
 */
function workingTime(at: Date): Date {
  const wall = toChinaWallClock(at).getTime();
  const day = Math.floor(wall / DAY) * DAY;
  const minute = (wall - day) / MINUTE;
  if (isWorkday(day) && minute >= OPENS && minute <= CLOSES) return at;
  // The closing that began this gap, and the opening that ends it.
  let closed = isWorkday(day) && minute > CLOSES ? day : day - DAY;
  while (!isWorkday(closed)) closed -= DAY;
  let opens = isWorkday(day) && minute < OPENS ? day : day + DAY;
  while (!isWorkday(opens)) opens += DAY;
  const gapStart = closed + CLOSES * MINUTE;
  const gapEnd = opens + OPENS * MINUTE;
  return fromChinaWallClock(new Date(gapEnd + Math.floor(((wall - gapStart) / (gapEnd - gapStart)) * 2 * HOUR)));
}

// ---------------------------------------------------------------------------------------------
// The generator.

interface Planned {
  at: number;
  /** Time the step was planned for (before moving it into working hours): orders steps moved to the same instant. */
  planned: number;
  run: (at: Date) => void;
}

/** Yields the petitions district by district, one at a time, so a large scale never sits in memory whole. */
export function* demoPetitions(seed: number, scale: DemoScale, options: DemoOptions): Generator<DemoPetition> {
  const counts = petitionsPerDistrict(scale);
  for (const [districtIndex, district] of DISTRICTS.entries()) {
    const staff = staffOf(seed, districtIndex, district.code);
    const officers = officerPool(seed, districtIndex, district.code);
    for (let n = 0; n < counts[districtIndex]!; n++) {
      yield demoPetition(seed, districtIndex, district, n, staff, officers, options);
    }
  }
}

function demoPetition(
  seed: number,
  districtIndex: number,
  district: Jurisdiction,
  n: number,
  staff: Staff,
  officers: readonly DemoExternalOfficer[],
  { asOf, rules, comingDue, panel: bounds }: DemoOptions,
): DemoPetition {
  const random = seededRandom(mix(seed, districtIndex, n));
  const key = `petition:${district.code}:${n}`;
  const id = demoUuid(seed, key);
  const channel = weighted(random, CHANNEL_WEIGHTS);
  const category = weighted(random, CATEGORY_WEIGHTS);
  const firstTime = random() < 0.7;
  // Most repeated petitions come from someone who petitioned before in the district.
  const person = !firstTime && n > 0 && random() < 0.6 ? Math.floor(random() * n) : n;
  const who = petitioner(seed, districtIndex, district.code, person, channel);

  // Received on one of the 365 China days before asOf's, in the channel's hours; visits on working days.
  let day = chinaMidnight(asOf) - (1 + Math.floor(random() * 365)) * DAY;
  if (channel === 'VISIT') {
    const weekday = chinaWeekday(day);
    if (weekday === 6) day -= DAY;
    if (weekday === 0) day -= 2 * DAY;
  }
  const [from, to] = CHANNEL_HOURS[channel];
  const receivedAt = new Date(Math.floor(chinaInstant(day, between(random, from, to)).getTime() / 1000) * 1000);

  const clerk = pickOne(random, staff.clerks);
  const received = decideNewPetition(
    clerk,
    {
      channel,
      category,
      districtCode: district.code,
      firstTime,
      content: fill(pickOne(random, CONTENT[category]), district) + (firstTime ? '' : REPEATED),
      petitionerName: who.name,
      petitionerIdNumber: who.idNumber,
      petitionerPhone: who.phone,
      receivedAt: receivedAt.toISOString(),
      petitionerMemberId: null,
    },
    asOf,
    rules,
  );
  const row: DemoPetitionRow = {
    id,
    channel,
    category,
    status: 'RECEIVED',
    districtCode: district.code,
    firstTime,
    content: received.content,
    petitionerName: received.petitionerName,
    petitionerMemberId: null,
    receivedAt: received.receivedAt,
    proceduralReplyDueAt: received.proceduralReplyDueAt,
    resultReplyDueAt: received.resultReplyDueAt,
    receivedBy: received.receivedBy,
    handlerSubject: received.handlerSubject,
    nextDueAt: received.nextDueAt,
    proceduralRepliedAt: null,
    resultRepliedAt: null,
    proceduralOverdueAt: null,
    resultOverdueAt: null,
    proceduralDueSoonAt: null,
    resultDueSoonAt: null,
    ownerSubject: null,
    ownerName: null,
    ownerAssignedAt: null,
    referralId: null,
    referredAt: null,
  };
  const out: DemoPetition = {
    row,
    petitioner: { idNumber: who.idNumber, phone: who.phone },
    transitions: [{ petitionId: id, from: null, to: 'RECEIVED', by: received.receivedBy, note: null, at: received.receivedAt }],
    replies: [],
    ownerChanges: [],
    hearings: [],
  };
  const subject = (): PetitionSubject & { petitionerName: string } => row;

  // ----- The plan: steps at times; run in time order up to asOf, each through the domain decision.
  const plan: Planned[] = [];
  const t0 = receivedAt.getTime();
  const at = (days: number) => t0 + days * DAY;
  const step = (plannedMs: number, run: Planned['run'], working = true) =>
    plan.push({ at: working ? workingTime(new Date(plannedMs)).getTime() : plannedMs, planned: plannedMs, run });

  const leader = pickOne(random, staff.leaders);
  const handler = random() < 0.9 ? pickOne(random, staff.procurators) : null;
  const actor = (): Identity => (handler && row.handlerSubject === handler.subject ? handler : clerk);
  let replyNo = 0;
  const reply = (kind: DemoReply['kind'], text: string) => (now: Date) => {
    const who = actor();
    const r = decideReply(who, subject(), { petitionId: id, kind, text }, now);
    out.replies.push({ id: demoUuid(seed, `${key}:reply:${replyNo++}`), petitionId: id, kind, text, authorSubject: who.subject, authorName: who.name, repliedAt: now, onTime: r.onTime });
    if (r.transition) out.transitions.push({ petitionId: id, ...r.transition, by: who.subject, note: null, at: now });
    Object.assign(row, { status: r.transition?.to ?? row.status, proceduralRepliedAt: r.proceduralRepliedAt, resultRepliedAt: r.resultRepliedAt, nextDueAt: r.nextDueAt });
  };
  const move = (action: 'START' | 'CLOSE', note: string | null) => (now: Date) => {
    const who = actor();
    const t = decideTransition(who, subject(), action, { petitionId: id, note });
    out.transitions.push({ petitionId: id, from: t.from, to: t.to, by: who.subject, note: t.note, at: now });
    Object.assign(row, { status: t.to, nextDueAt: t.nextDueAt });
  };
  const own = (by: Identity, owner: Identity) => (now: Date) => {
    if (!isOpen(row.status)) return;
    const o = decideOwner(by, subject(), { petitionId: id, ownerSubject: owner.subject, ownerName: owner.name });
    if (!o) return;
    out.ownerChanges.push({ petitionId: id, ownerSubject: o.ownerSubject, ownerName: o.ownerName, assignedBy: by.subject, at: now });
    Object.assign(row, { ownerSubject: o.ownerSubject, ownerName: o.ownerName, ownerAssignedAt: now });
  };

  // Whose queue: a leader assigns a procurator within hours of receipt (a few stay unassigned).
  if (handler) {
    step(at(between(random, 0.02, 1.5)), () => {
      if (isOpen(row.status)) row.handlerSubject = decideHandler(leader, subject(), { petitionId: id, handlerSubject: handler.subject });
    });
  }

  // The procedural reply: mostly within the 7 days, some late, a few never.
  const procedural = weighted(random, { onTime: 86, late: 10, never: 4 });
  const proceduralAt = procedural === 'onTime' ? between(random, 0.1, 6.5) : procedural === 'late' ? between(random, 7.2, 25) : Infinity;
  const fate = weighted(random, { referredOnReceipt: 3, referredLater: 4, handled: 93 });
  const referral = pickOne(random, REFERRALS);
  const refer = (now: Date) => {
    if (!isOpen(row.status)) return;
    const who = actor();
    const r = decideReferral(who, subject(), { petitionId: id, ...referral });
    out.transitions.push({ petitionId: id, from: r.from, to: r.to, by: who.subject, note: referral.title, at: now });
    Object.assign(row, { status: r.to, nextDueAt: r.nextDueAt, referralId: demoUuid(seed, `${key}:referral`), referredAt: now });
  };
  if (proceduralAt !== Infinity) {
    step(at(proceduralAt), (now) => {
      if (row.proceduralRepliedAt === null && row.status !== 'CLOSED') reply('PROCEDURAL', PROCEDURAL_TEXT)(now);
    });
  }
  if (fate === 'referredOnReceipt') step(at(between(random, 0.1, 3)), refer);

  // Handling: started after the acknowledgement, concluded by a result reply (mostly within the 3 months), closed.
  const startAt = proceduralAt + between(random, 0.2, 10);
  const starts = fate !== 'referredOnReceipt' && proceduralAt !== Infinity && random() < 0.96;
  const leadership = isLeadershipOwned(category) && firstTime;
  const ownerMissing = leadership && random() < 0.08;
  let concludeAt = !starts || ownerMissing ? Infinity : random() < 0.8 ? between(random, Math.max(startAt + 5, 20), 88) : between(random, 92, 150);
  if (concludeAt < startAt + 5) concludeAt = startAt + 5;
  if (starts) step(at(startAt), (now) => row.status === 'ACKNOWLEDGED' && move('START', null)(now));
  const referLater = fate === 'referredLater' && proceduralAt !== Infinity;
  if (referLater) {
    const referAt = between(random, proceduralAt + 0.1, Math.min(concludeAt, proceduralAt + 60));
    step(at(referAt), refer);
    concludeAt = Infinity;
  }

  // A public hearing for some started petitions (before their conclusion).
  if (starts && !referLater && random() < HEARING_RATE[category]) {
    const end = hearingPlan(seed, key, random, row, handler ?? staff.procurators[0]!, officers, bounds, district, who.idNumber, at(startAt + between(random, 1, 20)), out, step);
    if (end !== null && concludeAt !== Infinity) concludeAt = Math.max(concludeAt, (end - t0) / DAY + between(random, 1, 10));
  }

  // Progress replies while the petition is handled.
  const progressUntil = Math.min(concludeAt - 1, startAt + 120);
  if (starts && random() < 0.45 && progressUntil > startAt + 3) {
    const first = between(random, startAt + 3, progressUntil);
    step(at(first), (now) => (row.status === 'ACKNOWLEDGED' || row.status === 'IN_PROGRESS') && reply('PROGRESS', pickOne(random, PROGRESS_TEXTS))(now));
    if (random() < 0.25 && progressUntil > first + 1) {
      step(at(between(random, first + 1, progressUntil)), (now) => (row.status === 'ACKNOWLEDGED' || row.status === 'IN_PROGRESS') && reply('PROGRESS', pickOne(random, PROGRESS_TEXTS))(now));
    }
  }

  // Leadership ownership (领导包案) of a first-time petition of the three kinds, before its conclusion.
  if (leadership && !ownerMissing) {
    const ownAt = between(random, 0.3, Math.max(0.4, Math.min(20, concludeAt - 0.5)));
    const byAdmin = random() < 0.15;
    step(at(ownAt), own(byAdmin ? CITY_ADMIN : leader, leader));
    if (random() < 0.1) {
      const other = staff.leaders.find((l) => l.subject !== leader.subject)!;
      step(at(between(random, ownAt, Math.max(ownAt + 0.1, Math.min(ownAt + 30, concludeAt - 0.2)))), own(leader, other));
    }
  }

  if (concludeAt !== Infinity) {
    step(at(concludeAt), (now) => row.status === 'IN_PROGRESS' && !ownerRequired(row) && reply('RESULT', pickOne(random, RESULT_TEXTS))(now));
    if (random() < 0.8) step(at(concludeAt + between(random, 1, 20)), (now) => row.status === 'CONCLUDED' && move('CLOSE', pickOne(random, CLOSE_NOTES))(now));
  }

  // The deadline sweep (every minute): what it would have announced, so a service started on
  // these data does not announce a year of missed deadlines at once.
  const sweep = (kind: DeadlineKind) => (now: Date) => {
    const due = deadlinesToAnnounce(row, now);
    if (!due.includes(kind)) return;
    if (kind === 'PROCEDURAL') row.proceduralOverdueAt = now;
    else row.resultOverdueAt = now;
  };
  step(row.proceduralReplyDueAt.getTime() + Math.ceil(random() * 60) * 1000, sweep('PROCEDURAL'), false);
  step(row.resultReplyDueAt.getTime() + Math.ceil(random() * 60) * 1000, sweep('RESULT'), false);
  // Deadlines coming due, as the sweep announced them once their window opened — only those already
  // due by asOf: a deadline still ahead whose window is open is left to the service's first sweep,
  // which announces it (what a demo of the live updates shows). No random draw: the rest of the
  // data stays what it was before this step existed.
  const warn = (kind: DeadlineKind) => (now: Date) => {
    if (dueAtOf(kind, row).getTime() > asOf.getTime() || !deadlinesComingDue(row, now, comingDue).includes(kind)) return;
    if (kind === 'PROCEDURAL') row.proceduralDueSoonAt = now;
    else row.resultDueSoonAt = now;
  };
  for (const kind of ['PROCEDURAL', 'RESULT'] as const) {
    const from = dueSoonFrom(kind, dueAtOf(kind, row), comingDue);
    if (from) step(from.getTime() + 30_000, warn(kind), false);
  }

  plan.sort((a, b) => a.at - b.at || a.planned - b.planned);
  for (const s of plan) {
    if (s.at > asOf.getTime()) break;
    s.run(new Date(s.at));
  }
  return out;
}

/**
 * Plans one hearing: scheduled by the handler, then cancelled, or held (opinions recorded at the
 * hearing) and concluded by majority. Answers when it ends (concluded), or null when cancelled.
 */
function hearingPlan(
  seed: number,
  key: string,
  random: Random,
  petition: DemoPetitionRow,
  procurator: Identity,
  pool: readonly DemoExternalOfficer[],
  bounds: PanelBounds,
  district: Jurisdiction,
  petitionerIdNumber: string,
  plannedCreatedAt: number,
  out: DemoPetition,
  step: (plannedMs: number, run: Planned['run'], working?: boolean) => void,
): number | null {
  const hearingKey = `${key}:hearing:0`;
  const hearingId = demoUuid(seed, hearingKey);
  const createdAt = workingTime(new Date(plannedCreatedAt));
  // A weekday at 09:30 or 14:30, 5 to 25 days on.
  let day = chinaMidnight(createdAt) + Math.floor(between(random, 5, 26)) * DAY;
  while (chinaWeekday(day) === 0 || chinaWeekday(day) === 6) day += DAY;
  const scheduledFor = chinaInstant(day, random() < 0.5 ? 9 * 60 + 30 : 14 * 60 + 30);
  const size = bounds.min + Math.floor(random() * (bounds.max - bounds.min + 1));
  const chosen = [...pool].map((o) => ({ o, r: random() })).sort((a, b) => a.r - b.r).slice(0, size).map((x) => x.o);
  const hearingSubject = `${petition.category === 'ADMINISTRATIVE_SUPERVISION' ? '行政争议' : '信访'}案件公开听证`;
  const venue = random() < 0.6 ? `${district.name}综治中心行政争议化解室` : `${district.name}人民检察院听证室`;
  const cancelled = random() < 0.08;
  const leaning = weighted<'SUPPORT' | 'OPPOSE' | 'SPLIT'>(random, { SUPPORT: 55, OPPOSE: 35, SPLIT: 10 });
  const opinions = chosen.map((): HearingOpinion => {
    if (leaning !== 'SPLIT' && random() < 0.75) return leaning;
    return weighted<HearingOpinion>(random, { SUPPORT: 4, OPPOSE: 3, ABSTAIN: 2 });
  });
  const heldAt = scheduledFor.getTime() + Math.floor(random() * 15) * MINUTE;
  const concludeAt = random() < 0.9 ? heldAt + between(random, 3, 4) * HOUR : heldAt + between(random, 1, 5) * DAY;
  const adopted = random() < 0.9;
  const resolved = petition.category === 'ADMINISTRATIVE_SUPERVISION' ? random() < 0.6 : false;
  const conclusion = pickOne(random, CONCLUSIONS);
  const cancelAt = createdAt.getTime() + random() * (scheduledFor.getTime() - createdAt.getTime());
  const texts = opinions.map((o) => pickOne(random, OPINION_TEXTS[o]));
  const opinionAt = opinions.map(() => heldAt + between(random, 40, 150) * MINUTE);

  let hearing: DemoHearing | null = null;
  const change = (request: HearingRequest, now: Date) => {
    const h = hearing!;
    const c = decideHearingChange(procurator, { id: h.row.id, districtCode: h.row.districtCode, status: h.row.status, panelists: h.panel }, request, now);
    if (c.action === 'RECORD_OPINION') {
      const { panelistId, ...opinion } = c.opinion;
      Object.assign(h.panel.find((p) => p.id === panelistId)!, opinion);
    } else {
      Object.assign(h.row, c.hearing);
    }
  };

  step(
    createdAt.getTime(),
    (now) => {
      assertMayScheduleHearings(procurator);
      if (petition.status === 'CLOSED' || petition.status === 'REFERRED') return;
      const p = assertPetitionMayHaveHearing(procurator, petition, petition.id);
      const input = {
        petitionId: p.id,
        subject: hearingSubject,
        scheduledFor: scheduledFor.toISOString(),
        venue,
        panel: chosen.map((o) => ({ externalKind: o.externalKind, externalName: o.externalName, externalIdNumber: o.externalIdNumber })),
      };
      hearingTime(input, now);
      // The conflict rules on the numbers themselves (the seed stores only their keyed hashes).
      assertPanelMaySit(sealPanel(input.panel, (x) => x), { memberId: null, idNumberHashes: [petitionerIdNumber] }, []);
      const ms = now.getTime();
      hearing = {
        row: {
          id: hearingId,
          petitionId: p.id,
          districtCode: p.districtCode,
          subject: hearingSubject,
          scheduledFor,
          venue,
          status: 'SCHEDULED',
          createdBy: procurator.subject,
          createdAt: now,
          heldAt: null,
          concludedAt: null,
          majorityOpinion: null,
          adopted: null,
          administrativeDisputeResolved: null,
          conclusion: null,
          cancelledAt: null,
          cancelReason: null,
        },
        panel: chosen.map((officer, i) => ({ id: demoPanelistId(seed, `${hearingKey}:panelist:${i}`, i, ms), officer, opinion: null, opinionText: null, opinionAt: null })),
      };
      out.hearings.push(hearing);
    },
    false,
  );
  if (cancelled) {
    step(cancelAt, (now) => hearing && change({ action: 'CANCEL', hearingId, reason: '信访人申请延期，听证取消' }, now), false);
    return null;
  }
  step(heldAt, (now) => hearing && change({ action: 'HOLD', hearingId }, now), false);
  opinions.forEach((opinion, i) => {
    step(opinionAt[i]!, (now) => hearing && change({ action: 'RECORD_OPINION', hearingId, panelistId: hearing.panel[i]!.id, opinion, text: texts[i] }, now), false);
  });
  step(
    Math.max(concludeAt, ...opinionAt) + MINUTE,
    (now) => hearing && change({ action: 'CONCLUDE', hearingId, adopted, administrativeDisputeResolved: resolved, conclusion }, now),
    false,
  );
  return Math.max(concludeAt, ...opinionAt) + MINUTE;
}

/** The majority the panel's opinions make (the domain rule), for checks of concluded hearings. */
export const panelMajority = (panel: readonly DemoPanelist[]) => majorityOpinion(panel.map((p) => p.opinion).filter((o): o is HearingOpinion => o !== null));

export { demoUuid };
