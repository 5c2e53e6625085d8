import { randomUUID } from 'node:crypto';
import { buildEnvelope, type AnyEventDefinition, type DataOf } from '@pgov/contracts';
import { processBatch, processMessage, silentLogger, type IncomingMessage, type ProcessOutcome } from '@pgov/messaging';
import { testDatabaseUrl, truncateTables } from '@pgov/testing';
import type { IndicatorCode } from '../../src/domain/catalogue';
import type { PeriodKind } from '../../src/domain/periods';
import { indicatorHandlers, indicatorRunHooks } from '../../src/events';
import { createDb, type IndicatorsDb } from '../../src/persistence/prisma';
import { compareWithRecount } from '../../src/persistence/recount';

// The indicators' event handlers on the real database, fed messages as Kafka would deliver them
// (processMessage: the same path as the service's consumer, with its de-duplication).
export const DB = testDatabaseUrl('indicators');

/** A Kafka record carrying one event of `definition` with `data`. */
export function message<D extends AnyEventDefinition>(definition: D, data: DataOf<D>, options: { subject?: string; district?: string } = {}): IncomingMessage {
  const d = data as { districtCode?: string };
  const subject = options.subject ?? randomUUID();
  const envelope = buildEnvelope(definition, { subject, district: options.district ?? d.districtCode ?? '610100', data } as never, { source: 'test' });
  return { topic: definition.topic, partition: 0, offset: '0', key: subject, value: JSON.stringify(envelope) };
}

export interface IndicatorEvents {
  db: IndicatorsDb;
  /**
   * Processes the messages as consumer `consumer` (default the service's group, alerts on): one by
   * one (processMessage), or with `run` in runs of that many per transaction as the service's
   * consumer does (processBatch with the deferred value writes).
   */
  deliver(messages: IncomingMessage | IncomingMessage[], options?: { consumer?: string; alerts?: boolean; run?: number }): Promise<ProcessOutcome[]>;
  /** A stored value's { numerator, denominator, value }, or undefined. */
  value(code: IndicatorCode, district: string, kind: PeriodKind, period: string): Promise<{ numerator: number; denominator: number; value: number | null } | undefined>;
  /** Fails the test, naming them, on any stored value that differs from its recount from the facts. */
  expectRecountEqual(codes?: readonly IndicatorCode[]): Promise<number>;
  /** Empties facts, values, alerts, outbox and processed events (the catalogue stays). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export function indicatorEvents(options: { onQuery?: (sql: string) => void } = {}): IndicatorEvents {
  const db = createDb(DB, options.onQuery);
  return {
    db,
    async deliver(messages, { consumer = 'indicators', alerts = true, run } = {}) {
      const context = {
        consumer,
        db,
        logger: silentLogger,
        handlers: indicatorHandlers({ alerts }),
        retryDelayMs: 1,
        deadLetter: async (_m: IncomingMessage, reason: string) => {
          throw new Error(`dead-lettered: ${reason}`);
        },
      };
      const all = Array.isArray(messages) ? messages : [messages];
      const out: ProcessOutcome[] = [];
      if (run) {
        for (let from = 0; from < all.length; from += run) out.push(...(await processBatch({ ...context, transactionHooks: indicatorRunHooks }, all.slice(from, from + run))));
        return out;
      }
      for (const m of all) out.push(await processMessage(context, m));
      return out;
    },
    async value(code, district, kind, period) {
      const row = await db.indicatorValue.findUnique({
        where: { indicatorCode_districtCode_periodKind_period: { indicatorCode: code, districtCode: district, periodKind: kind, period } },
      });
      return row ? { numerator: row.numerator, denominator: row.denominator, value: row.value } : undefined;
    },
    async expectRecountEqual(codes) {
      const { compared, mismatches } = await compareWithRecount(db, codes);
      expect(mismatches).toEqual([]);
      return compared;
    },
    reset: () => truncateTables(DB, ['indicator']),
    stop: () => db.$disconnect(),
  };
}
