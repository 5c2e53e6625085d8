/**
 * The fault suite's load: what front ends send through the gateway, each mutation one event in a
 * service's outbox. Clue stories (a grid worker submits; the district's procurator accepts most,
 * assigns and opens a case on some: points for the informant, counts for the indicators) and
 * petition stories (a clerk registers; the procurator replies, or refers it as a clue in a pilot
 * district: the clues service's consumer makes the clue). Closed loop at a given concurrency.
 */
import { Role, type Identity } from '@pgov/auth';
import type { ClueCategory } from '@pgov/contracts';
import { residentIdCheckChar } from '@pgov/privacy';
import { demoClues, departmentOf, SCALES } from '../../apps/clues/src/seed/demo-clues';
import { CallFailed, type GraphqlCall } from './client';

export interface District {
  code: string;
  pilot: boolean;
  workers: { memberId: string; gridCode: string }[];
}

export interface LoadCounts {
  /** Mutations that succeeded, by operation: each wrote one event. */
  ok: Map<string, number>;
  /** Failures that were not retryable, by code, with a few examples. */
  failures: Map<string, number>;
  examples: string[];
  /** A retried call answered CONFLICT: its earlier attempt had committed (the answer was lost). */
  doneBeforeAnswer: number;
}

const CATEGORIES = new Set<ClueCategory>(['PUBLIC_INTEREST_ECOLOGY', 'PUBLIC_INTEREST_FOOD_DRUG', 'CRIMINAL', 'CIVIL']);
const PETITION_CATEGORIES = ['COMPLAINT', 'SUGGESTION', 'CRIMINAL_APPEAL', 'CIVIL_SUPERVISION', 'CASE_FILING_SUPERVISION'];
const SURNAMES = '王李张刘陈杨赵黄周吴';

const SUBMIT = `mutation($input: SubmitClueInput!) { submitClue(input: $input) { id } }`;
const ACCEPT = `mutation($input: AcceptClueInput!) { acceptClue(input: $input) { id } }`;
const ASSIGN = `mutation($input: AssignClueInput!) { assignClue(input: $input) { id } }`;
const OPEN_CASE = `mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }`;
const RECEIVE = `mutation($input: ReceivePetitionInput!) { receivePetition(input: $input) { id } }`;
const REPLY = `mutation($input: RecordPetitionReplyInput!) { recordPetitionReply(input: $input) { id } }`;
const REFER = `mutation($input: ReferPetitionInput!) { referPetition(input: $input) { id } }`;

/** A seeded random sequence (mulberry32): the same run makes the same choices. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function runLoad(options: {
  call: GraphqlCall;
  token: (identity: Identity) => Promise<string>;
  districts: District[];
  concurrency: number;
  /** Whether to begin another story (checked before each), given the events written so far. */
  more: (written: number) => boolean;
  seed?: number;
}): { counts: LoadCounts; done: Promise<void> } {
  const { call, token, districts } = options;
  const rnd = random(options.seed ?? 13);
  const texts = [...demoClues(7, { ...SCALES.demo, clues: 4_000 })].filter((c) => CATEGORIES.has(c.category)).slice(0, 1_000);
  const counts: LoadCounts = { ok: new Map(), failures: new Map(), examples: [], doneBeforeAnswer: 0 };
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (identity: Identity) => {
    let t = tokens.get(identity.subject);
    if (!t) tokens.set(identity.subject, (t = token(identity)));
    return t;
  };
  const staff = (d: District, role: Role, name: string): Identity => ({ subject: `fault-${role.toLowerCase()}-${d.code}`, name, roles: [role], district: d.code });

  /** One mutation; a CONFLICT after a retried attempt means that attempt committed (acceptable, counted). */
  async function mutate<T>(operation: string, identity: Identity, query: string, input: Record<string, unknown>): Promise<T | undefined> {
    try {
      const data = await call<T>(operation, await tokenOf(identity), query, { input });
      counts.ok.set(operation, (counts.ok.get(operation) ?? 0) + 1);
      return data;
    } catch (error) {
      if (error instanceof CallFailed && error.afterRetry && error.errors.every((e) => e.code === 'CONFLICT')) {
        counts.doneBeforeAnswer += 1;
        counts.ok.set(operation, (counts.ok.get(operation) ?? 0) + 1);
        return undefined;
      }
      const code = error instanceof CallFailed ? error.errors[0]!.code : 'CLIENT_ERROR';
      counts.failures.set(code, (counts.failures.get(code) ?? 0) + 1);
      if (counts.examples.length < 10) counts.examples.push(error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  let n = 0;
  async function clueStory(d: District) {
    const worker = d.workers[n % d.workers.length]!;
    const text = texts[n % texts.length]!;
    const reporter: Identity = { subject: worker.memberId, name: '网格员', roles: [Role.GRID_WORKER], district: d.code };
    const procurator = staff(d, Role.PROCURATOR, '承办检察官');
    const submitted = await mutate<{ submitClue: { id: string } }>('submitClue', reporter, SUBMIT, {
      title: text.title,
      description: text.description,
      category: text.category,
      gridCode: worker.gridCode,
    });
    // A submission whose answer was lost cannot be followed up (its id is unknown): a story ends there.
    const clueId = submitted?.submitClue.id;
    if (!clueId || rnd() < 0.35) return;
    await mutate('acceptClue', procurator, ACCEPT, { clueId });
    if (rnd() < 0.55) return;
    await mutate('assignClue', procurator, ASSIGN, { clueId, department: departmentOf(text.category) });
    await mutate('openCase', procurator, OPEN_CASE, { clueId });
  }

  async function petitionStory(d: District) {
    const clerk = staff(d, Role.CLERK, '书记员');
    const procurator = staff(d, Role.PROCURATOR, '承办检察官');
    const first17 = `${d.code}1980${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
    const received = await mutate<{ receivePetition: { id: string } }>('receivePetition', clerk, RECEIVE, {
      channel: n % 2 ? 'LETTER' : 'VISIT',
      category: PETITION_CATEGORIES[n % PETITION_CATEGORIES.length],
      firstTime: true,
      content: '反映相关案件处理问题，请求依法监督。',
      petitionerName: `${SURNAMES[n % SURNAMES.length]}某某`,
      petitionerIdNumber: first17 + residentIdCheckChar(first17),
      petitionerPhone: `139${String(10_000_000 + n * 7919).slice(-8)}`,
    });
    const petitionId = received?.receivePetition.id;
    if (!petitionId) return;
    if (d.pilot && rnd() < 0.12) {
      await mutate('referPetition', procurator, REFER, {
        petitionId,
        clueCategory: 'CIVIL',
        title: '信访反映企业拖欠务工人员工资',
        description: '信访人反映某企业长期拖欠工资，涉及人数较多，建议作为民事检察线索审查。',
      });
      return;
    }
    if (rnd() < 0.85) await mutate('recordPetitionReply', procurator, REPLY, { petitionId, kind: 'PROCEDURAL', text: '您的来信已收到，本院已依法受理。' });
  }

  const done = Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (options.more(eventsWritten(counts))) {
        const i = n++;
        const d = districts[i % districts.length]!;
        try {
          if (i % 5 < 3) await clueStory(d);
          else await petitionStory(d);
        } catch {
          // counted in mutate(); the story ends, the next begins
        }
      }
    }),
  ).then(() => undefined);
  return { counts, done };
}

/** Events the load's successful mutations wrote: one each. */
export function eventsWritten(counts: LoadCounts): number {
  return [...counts.ok.values()].reduce((a, b) => a + b, 0);
}
