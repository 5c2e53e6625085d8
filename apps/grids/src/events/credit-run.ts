import { clueAccepted, clueCaseOpened, type EventEnvelope } from '@pgov/contracts';
import type { TransactionHooks } from '@pgov/messaging';
import type { Prisma } from '../generated/prisma/client';
import type { ClueCreditReason } from '../domain/points';
import { ruleKey, type AnnouncedCredit, type PointsRepository } from '../persistence/points.repository';

type Tx = Prisma.TransactionClient;
type Member = { id: string; districtCode: string };

/**
 * What the clue-outcome events of one transaction read and write: the district amounts and the
 * reporters read once (a run's at its start, one statement each), the credits and their events
 * written once before commit (one statement). Per event only the arithmetic is left; the
 * per-statement round trip, not the work, is what limited the consumer (~50 ms an event).
 */
export class CreditRun {
  private rules: Map<string, number> | undefined;
  private readonly members = new Map<string, Member | null>();
  private readonly credits = new Map<string, AnnouncedCredit>();

  constructor(private readonly points: PointsRepository) {}

  /** Reads the amounts and the members `memberIds` name (what begin knows of the run). */
  async prefetch(tx: Tx, memberIds: readonly string[]): Promise<void> {
    this.rules ??= await this.points.rulesIn(tx);
    await this.lookUp(tx, memberIds);
  }

  /** The district's own amount for the reason, or null (the configured default applies). */
  async amountIn(tx: Tx, districtCode: string, reason: ClueCreditReason): Promise<number | null> {
    this.rules ??= await this.points.rulesIn(tx);
    return this.rules.get(ruleKey(districtCode, reason)) ?? null;
  }

  /** The member, or null when this service does not know them. */
  async member(tx: Tx, id: string): Promise<Member | null> {
    if (!this.members.has(id)) await this.lookUp(tx, [id]);
    return this.members.get(id) ?? null;
  }

  /**
   * Queues a credit and its event. A second credit for the same member, clue and reason in the run
   * is dropped here, as the ledger's unique key would drop it: the first event's is the one paid.
   */
  add(credit: AnnouncedCredit): void {
    const key = `${credit.entry.memberId}:${credit.entry.clueId}:${credit.entry.reason}`.toLowerCase();
    if (!this.credits.has(key)) this.credits.set(key, credit);
  }

  /** Writes the queued credits (those already in the ledger change nothing) and their events. */
  async flush(tx: Tx): Promise<void> {
    const credits = [...this.credits.values()];
    this.credits.clear();
    await this.points.creditAndAnnounce(tx, credits);
  }

  private async lookUp(tx: Tx, ids: readonly string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.members.has(id));
    if (missing.length === 0) return;
    const found = await this.points.membersIn(tx, missing);
    // The database answers ids in lower case; a contract's uuid may come in upper case.
    for (const id of missing) this.members.set(id, found.get(id.toLowerCase()) ?? null);
  }
}

// The run of the transaction the consumer's hooks began; a transaction without one (one event
// through processMessage without hooks) gets a run of its own, flushed by its handler.
const runs = new WeakMap<object, CreditRun>();

/** The transaction's run, and whether the handler must flush it itself (no hooks around it). */
export function creditRunOf(tx: Tx, points: PointsRepository): { run: CreditRun; own: boolean } {
  const run = runs.get(tx);
  return run ? { run, own: false } : { run: new CreditRun(points), own: true };
}

const CLUE_OUTCOMES = new Set([`${clueAccepted.type}@${clueAccepted.version}`, `${clueCaseOpened.type}@${clueCaseOpened.version}`]);

/** The reporter a clue-outcome envelope names, if any. */
function reporterOf(envelope: EventEnvelope): string | null {
  if (!CLUE_OUTCOMES.has(`${envelope.type}@${envelope.schemaVersion}`)) return null;
  return (envelope.data as { reporterMemberId?: string | null }).reporterMemberId ?? null;
}

/**
 * The consumer's hooks for a run of events in one transaction: `begin` reads the amounts and every
 * reporter the run names, `beforeCommit` writes every credit and its points.credited event.
 */
export function creditRunHooks(points: PointsRepository): TransactionHooks<Tx> {
  return {
    async begin(tx, envelopes) {
      const run = new CreditRun(points);
      runs.set(tx, run);
      await run.prefetch(tx, envelopes.map(reporterOf).filter((id): id is string => id !== null));
    },
    async beforeCommit(tx) {
      const run = runs.get(tx);
      runs.delete(tx);
      await run?.flush(tx);
    },
  };
}
