/**
 * After the faults: every projection compared with a recount from the tables it comes from.
 * - grids' points ledger ↔ the clues' transitions (one credit per accepted clue, one per case);
 * - the indicators' clue and petition facts ↔ the clue and petition tables, and every indicator
 *   value ↔ its recount from the facts (apps/indicators' own compareWithRecount);
 * - the clues made from petition referrals ↔ the referred petitions;
 * - every consumer's processed-event log ↔ the events of the types it handles in the outboxes;
 * - every outbox published, and the topics' offsets against the outbox rows (re-sends absorbed).
 * Each line: expected, found, lost (missing), applied twice (extra).
 */
import { withPg } from '@pgov/testing';
import { clueAccepted, clueCaseOpened, petitionReferralMade } from '@pgov/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { indicatorHandlers } from '../../apps/indicators/src/events';
import { createDb } from '../../apps/indicators/src/persistence/prisma';
import { compareWithRecount } from '../../apps/indicators/src/persistence/recount';

export interface ProjectionCheck {
  name: string;
  expected: number;
  found: number;
  lost: number;
  twice: number;
  example?: string;
}

export interface Recount {
  checks: ProjectionCheck[];
  /** Rows in the outboxes (events produced) and of them still unpublished. */
  events: number;
  unpublished: number;
  /** Messages on the topics beyond the outbox rows: the relay's re-sends, absorbed by the consumers. */
  resent: number;
}

type Url = (service: string) => string;


const rows = async <T>(url: string, sql: string, params: unknown[] = []) => withPg(url, async (c) => (await c.query(sql, params)).rows as T[]);

/** Compares two multisets of keys: lost = expected but missing, twice = found more often than expected. */
function compare(name: string, expected: string[], found: string[]): ProjectionCheck {
  const want = new Map<string, number>();
  for (const k of expected) want.set(k, (want.get(k) ?? 0) + 1);
  const have = new Map<string, number>();
  for (const k of found) have.set(k, (have.get(k) ?? 0) + 1);
  let lost = 0;
  let twice = 0;
  let example: string | undefined;
  for (const [k, n] of want) {
    const m = have.get(k) ?? 0;
    if (m < n) {
      lost += n - m;
      example ??= `missing ${k}`;
    }
  }
  for (const [k, m] of have) {
    const n = want.get(k) ?? 0;
    if (m > n) {
      twice += m - n;
      example ??= `extra ${k}`;
    }
  }
  return { name, expected: expected.length, found: found.length, lost, twice, ...(example ? { example } : {}) };
}

/** The event types a consumer handles (its processed-event log records only those). */
const CONSUMED = {
  grids: [clueAccepted.type, clueCaseOpened.type],
  clues: [petitionReferralMade.type],
  indicators: [...new Set(indicatorHandlers({ alerts: true }).map((h) => h.event.type))],
};

/** Events the clues and petitions services have written (their outbox rows): the suite's progress. */
export async function clueAndPetitionEvents(url: Url): Promise<number> {
  let total = 0;
  for (const svc of ['clues', 'petitions']) total += Number((await rows<{ n: string }>(url(svc), 'SELECT count(*) AS n FROM outbox_event'))[0]!.n);
  return total;
}

export async function outboxBacklog(url: Url): Promise<number> {
  let total = 0;
  for (const svc of ['grids', 'clues', 'petitions', 'indicators']) {
    const [r] = await rows<{ n: string }>(url(svc), 'SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL');
    total += Number(r!.n);
  }
  return total;
}

/** How many of the outbox events of `types` created up to `until` each consumer has not applied yet. */
export async function unapplied(url: Url, until: Date): Promise<number> {
  let missing = 0;
  for (const [consumer, types] of Object.entries(CONSUMED)) {
    const ids: string[] = [];
    for (const svc of ['grids', 'clues', 'petitions']) {
      const r = await rows<{ id: string }>(url(svc), 'SELECT id::text AS id FROM outbox_event WHERE type = ANY($1) AND created_at <= $2', [types, until]);
      ids.push(...r.map((x) => x.id));
    }
    const [r] = await rows<{ n: string }>(url(consumer), 'SELECT count(*) AS n FROM processed_event WHERE consumer = $1 AND event_id = ANY($2::uuid[])', [consumer, ids]);
    missing += ids.length - Number(r!.n);
  }
  return missing;
}

export async function recount(url: Url, brokers: string): Promise<Recount> {
  const checks: ProjectionCheck[] = [];
  const transitions = await rows<{ clue_id: string; to: string; reporter: string | null }>(
    url('clues'),
    `SELECT t.clue_id::text, t."to"::text AS to, c.reporter_member_id::text AS reporter FROM clue_transition t JOIN clue c ON c.id = t.clue_id WHERE t."to" IN ('ACCEPTED', 'CASE_OPENED')`,
  );
  const reasonOf = { ACCEPTED: 'CLUE_ACCEPTED:2', CASE_OPENED: 'CLUE_CASE_OPENED:5' } as Record<string, string>;
  const credits = await rows<{ k: string }>(url('grids'), `SELECT clue_id::text || ':' || reason::text || ':' || points AS k FROM points_entry WHERE clue_id IS NOT NULL`);
  checks.push(compare('grids points ledger ↔ accepted clues and cases', transitions.filter((t) => t.reporter).map((t) => `${t.clue_id}:${reasonOf[t.to]}`), credits.map((c) => c.k)));

  const clues = await rows<{ id: string; accepted: boolean; case_opened: boolean; rejected: boolean }>(
    url('clues'),
    `SELECT c.id::text,
       EXISTS (SELECT 1 FROM clue_transition t WHERE t.clue_id = c.id AND t."to" = 'ACCEPTED') AS accepted,
       EXISTS (SELECT 1 FROM clue_transition t WHERE t.clue_id = c.id AND t."to" = 'CASE_OPENED') AS case_opened,
       EXISTS (SELECT 1 FROM clue_transition t WHERE t.clue_id = c.id AND t."to" = 'REJECTED') AS rejected
     FROM clue c`,
  );
  const clueFacts = await rows<{ k: string }>(
    url('indicators'),
    `SELECT clue_id::text || ':' || (submitted_at IS NOT NULL) || ':' || coalesce(decision, '-') || ':' || (case_opened_at IS NOT NULL) AS k FROM clue_fact`,
  );
  checks.push(
    compare(
      'indicators clue facts ↔ clues',
      clues.map((c) => `${c.id}:true:${c.accepted ? 'ACCEPTED' : c.rejected ? 'REJECTED' : '-'}:${c.case_opened}`),
      clueFacts.map((f) => f.k),
    ),
  );
  const petitions = await rows<{ k: string }>(url('petitions'), `SELECT id::text || ':' || (procedural_replied_at IS NOT NULL) AS k FROM petition`);
  const petitionFacts = await rows<{ k: string }>(url('indicators'), `SELECT petition_id::text || ':' || (procedural_replied_at IS NOT NULL) AS k FROM petition_fact WHERE received_at IS NOT NULL`);
  checks.push(compare('indicators petition facts ↔ petitions', petitions.map((p) => p.k), petitionFacts.map((f) => f.k)));

  const db = createDb(url('indicators'));
  try {
    const values = await compareWithRecount(db);
    checks.push({
      name: 'indicator values ↔ recount from the facts',
      expected: values.compared,
      found: values.compared,
      lost: 0,
      twice: values.mismatches.length,
      ...(values.mismatches[0] ? { example: `${values.mismatches[0].key}: stored ${JSON.stringify(values.mismatches[0].stored)}, recounted ${JSON.stringify(values.mismatches[0].recounted)}` } : {}),
    });
  } finally {
    await db.$disconnect();
  }

  const referred = await rows<{ id: string }>(url('petitions'), 'SELECT referral_id::text AS id FROM petition WHERE referral_id IS NOT NULL');
  const referralClues = await rows<{ ref: string }>(url('clues'), `SELECT origin_ref AS ref FROM clue WHERE origin_ref LIKE 'petition-referral:%'`);
  checks.push(compare('clues made from referrals ↔ referred petitions', referred.map((p) => `petition-referral:${p.id}`), referralClues.map((c) => c.ref)));

  for (const [consumer, types] of Object.entries(CONSUMED)) {
    const ids: string[] = [];
    for (const svc of ['grids', 'clues', 'petitions']) ids.push(...(await rows<{ id: string }>(url(svc), 'SELECT id::text AS id FROM outbox_event WHERE type = ANY($1)', [types])).map((r) => r.id));
    const processed = await rows<{ id: string }>(url(consumer), 'SELECT event_id::text AS id FROM processed_event WHERE consumer = $1', [consumer]);
    checks.push(compare(`${consumer} consumer's processed events ↔ outbox events it handles`, ids, processed.map((p) => p.id)));
  }

  let events = 0;
  let unpublished = 0;
  const perTopic = new Map<string, number>();
  for (const svc of ['grids', 'clues', 'petitions', 'indicators']) {
    for (const r of await rows<{ topic: string; n: string; open: string }>(url(svc), 'SELECT topic, count(*) AS n, count(*) FILTER (WHERE published_at IS NULL) AS open FROM outbox_event GROUP BY topic')) {
      events += Number(r.n);
      unpublished += Number(r.open);
      perTopic.set(r.topic, (perTopic.get(r.topic) ?? 0) + Number(r.n));
    }
  }
  const admin = new Kafka({ clientId: 'fault-recount', brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  let resent = 0;
  try {
    for (const [topic, n] of perTopic) {
      const offsets = await admin.fetchTopicOffsets(topic);
      resent += offsets.reduce((a, o) => a + Number(o.high) - Number(o.low), 0) - n;
    }
  } finally {
    await admin.disconnect();
  }
  return { checks, events, unpublished, resent };
}
