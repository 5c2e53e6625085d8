import type { AnyEventDefinition, EnvelopeOf, EventEnvelope } from '@pgov/contracts';
import { on, type EventHandler, type TransactionHooks } from '@pgov/messaging';
import type { Prisma } from '../generated/prisma/client';
import type { Contribution } from '../domain/contributions';
import type { FactTable } from '../persistence/fact-table';
import { applyFactChange, valueChangeHooks, type ValueChangeOptions } from './value-changes';

type Tx = Prisma.TransactionClient;

/** A kind of fact: its table and what a row contributes to the indicators. */
export interface FactKind<F> {
  table: FactTable<F>;
  contributions(fact: F): Contribution[];
}

/** What one event type does to one fact: which row (the seed a new row is created from) and how it changes it. */
export interface FactChange<D extends AnyEventDefinition = AnyEventDefinition, F = unknown> {
  event: D;
  kind: FactKind<F>;
  seed(envelope: EnvelopeOf<D>): Partial<F>;
  fold(fact: F, envelope: EnvelopeOf<D>): F;
}

export function factChange<D extends AnyEventDefinition, F>(
  kind: FactKind<F>,
  event: D,
  seed: (envelope: EnvelopeOf<D>) => Partial<F>,
  fold: (fact: F, envelope: EnvelopeOf<D>) => F,
): FactChange<D, F> {
  return { event, kind, seed, fold };
}

/**
 * The facts of one transaction: locked once (the whole run's at its start, in one statement per
 * table), changed in memory by each event in order, written back once before commit. Without a
 * session (a transaction not begun by runHooks) every change locks and writes its row at once.
 */
interface FactSession {
  rows: Map<FactTable<unknown>, Map<string, unknown>>;
  dirty: Map<FactTable<unknown>, Map<string, unknown>>;
}

const sessions = new WeakMap<object, FactSession>();

async function lockFact<F>(tx: Tx, table: FactTable<F>, seed: Partial<F>): Promise<F> {
  const key = table.keyOf(seed);
  const session = sessions.get(tx);
  const cached = session?.rows.get(table as FactTable<unknown>)?.get(key);
  if (cached !== undefined) return cached as F;
  const fact = (await table.lockMany(tx, [seed])).get(key)!;
  if (session) rowsOf(session.rows, table).set(key, fact);
  return fact;
}

async function saveFact<F>(tx: Tx, table: FactTable<F>, fact: F): Promise<void> {
  const session = sessions.get(tx);
  if (!session) return table.saveMany(tx, [fact]);
  const key = table.keyOf(fact as Partial<F>);
  rowsOf(session.rows, table).set(key, fact);
  rowsOf(session.dirty, table).set(key, fact);
}

function rowsOf<F>(maps: Map<FactTable<unknown>, Map<string, unknown>>, table: FactTable<F>): Map<string, unknown> {
  let rows = maps.get(table as FactTable<unknown>);
  if (!rows) maps.set(table as FactTable<unknown>, (rows = new Map()));
  return rows;
}

/** The event handlers of `changes`: lock the fact, fold the event in, save, move the values by the difference. */
export function factHandlers(changes: readonly FactChange[], options: ValueChangeOptions): EventHandler[] {
  return changes.map((change) =>
    on(change.event, async (envelope, tx: Tx) => {
      const { table, contributions } = change.kind;
      const before = await lockFact(tx, table, change.seed(envelope));
      const after = change.fold(before, envelope);
      await saveFact(tx, table, after);
      // An empty row (first event) contributes nothing.
      await applyFactChange(tx, contributions(before), contributions(after), options);
    }),
  ) as EventHandler[];
}

/**
 * The consumer's hooks for a run of events in one transaction: the run's facts locked up front
 * (tables in name order, rows in key order), saved once, and the values' deltas summed and written
 * once (valueChangeHooks). The per-statement cost, not the arithmetic, is what limits the consumer.
 */
export function runHooks(changes: readonly FactChange[]): TransactionHooks<Tx> {
  const byType = new Map(changes.map((c) => [`${c.event.type}@${c.event.version}`, c]));
  return {
    async begin(tx, envelopes: readonly EventEnvelope[] = []) {
      await valueChangeHooks.begin?.(tx, envelopes);
      const session: FactSession = { rows: new Map(), dirty: new Map() };
      sessions.set(tx, session);
      const seeds = new Map<FactTable<unknown>, Partial<unknown>[]>();
      for (const envelope of envelopes) {
        const change = byType.get(`${envelope.type}@${envelope.schemaVersion}`);
        if (!change) continue;
        const table = change.kind.table as FactTable<unknown>;
        if (!seeds.has(table)) seeds.set(table, []);
        seeds.get(table)!.push(change.seed(envelope as never) as Partial<unknown>);
      }
      for (const [table, list] of [...seeds].sort(([a], [b]) => (a.table < b.table ? -1 : 1))) {
        session.rows.set(table, await table.lockMany(tx, list));
      }
    },
    async beforeCommit(tx) {
      const session = sessions.get(tx);
      sessions.delete(tx);
      if (session) {
        for (const [table, rows] of [...session.dirty].sort(([a], [b]) => (a.table < b.table ? -1 : 1))) await table.saveMany(tx, [...rows.values()]);
      }
      await valueChangeHooks.beforeCommit?.(tx);
    },
  };
}
