/**
 * The consumers tools/bench/events.ts can measure: each its database, real handlers and run hooks,
 * how its tables are emptied (and seeded), and the clue event it is fed (an outbox row of the
 * clues service, as its transactions write them).
 */
import { randomUUID } from 'node:crypto';
import { buildEnvelope, clueAccepted, clueSubmitted } from '@pgov/contracts';
import type { EventHandler, RawSqlDatabase, TransactionHooks } from '@pgov/messaging';
import { gridsHandlers, gridsRunHooks } from '../../apps/grids/src/events';
import { createDb as createGridsDb } from '../../apps/grids/src/persistence/prisma';
import { indicatorHandlers, indicatorRunHooks } from '../../apps/indicators/src/events';
import { createDb as createIndicatorsDb } from '../../apps/indicators/src/persistence/prisma';

const DISTRICTS = ['610102', '610103', '610104', '610111', '610112', '610113', '610114', '610115', '610116', '610117', '610118', '610122', '610124'];
/** Members per district the grids events credit (the run's member lookup reads many distinct rows). */
const MEMBERS_PER_DISTRICT = 40;

/** An outbox_event row: id, topic, key, type, envelope (JSON). */
type OutboxValues = [string, string, string, string, string];

export interface BenchConsumer {
  db: RawSqlDatabase & { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>; $disconnect(): Promise<void> };
  handlers: EventHandler[];
  transactionHooks?: TransactionHooks;
  /** Empties what the consumer writes (and lays down what its events need). */
  reset(): Promise<void>;
  /** The i-th event written to the clues outbox. */
  event(i: number): OutboxValues;
  /** After the burst of `n`: throws if the consumer's writes do not add up. */
  check?(n: number): Promise<void>;
}

const clueFacts = (clueId: string, districtCode: string, reporterMemberId: string | null) => ({
  clueId,
  number: `${districtCode}-2026-000001`,
  districtCode,
  gridCode: null,
  source: 'GRID_REPORT' as const,
  category: 'CIVIL' as const,
  reporterMemberId,
});

function indicators(url: string): BenchConsumer {
  const db = createIndicatorsDb(url);
  return {
    db,
    handlers: indicatorHandlers({ alerts: true }),
    transactionHooks: indicatorRunHooks as TransactionHooks,
    reset: () => db.$executeRawUnsafe('TRUNCATE processed_event, clue_fact, indicator_value, indicator_alert, outbox_event').then(() => undefined),
    event(i) {
      const clueId = randomUUID();
      const districtCode = DISTRICTS[i % DISTRICTS.length]!;
      const envelope = buildEnvelope(
        clueSubmitted,
        { subject: clueId, district: districtCode, data: { ...clueFacts(clueId, districtCode, null), submittedAt: new Date().toISOString() } },
        { source: 'clues' },
      );
      return [envelope.id, clueSubmitted.topic, clueId, clueSubmitted.type, JSON.stringify(envelope)];
    },
  };
}

function grids(url: string): BenchConsumer {
  const db = createGridsDb(url);
  const members: { id: string; districtCode: string }[] = [];
  return {
    db,
    handlers: gridsHandlers(db, { CLUE_ACCEPTED: 2, CLUE_CASE_OPENED: 5 }),
    transactionHooks: gridsRunHooks(db) as TransactionHooks,
    async reset() {
      await db.$executeRawUnsafe('TRUNCATE processed_event, points_entry, points_rule, outbox_event, member, grid, community, street CASCADE');
      members.length = 0;
      for (const [d, districtCode] of DISTRICTS.entries()) {
        const street = await db.street.create({ data: { code: `${districtCode}-B`, name: '压测街道', districtCode } });
        const community = await db.community.create({ data: { code: `${districtCode}-B-C`, name: '压测社区', streetId: street.id, districtCode } });
        const grid = await db.grid.create({ data: { code: `${districtCode}-B-C-01`, name: '压测网格', communityId: community.id, districtCode } });
        for (let m = 0; m < MEMBERS_PER_DISTRICT; m++) {
          const member = await db.member.create({
            data: { name: `网格员${m}`, team: 'GRID_WORKER', informantRoles: ['INFORMATION_OFFICER'], gridCode: grid.code, districtCode, joinedOn: new Date('2024-01-01') },
            select: { id: true, districtCode: true },
          });
          members.push(member);
        }
        // Every other district pays its own amount: both the rule and the default are exercised.
        if (d % 2 === 0) await db.pointsRule.create({ data: { districtCode, reason: 'CLUE_ACCEPTED', points: 3, updatedBy: 'bench' } });
      }
    },
    event(i) {
      const clueId = randomUUID();
      const member = members[(i * 7) % members.length]!;
      const envelope = buildEnvelope(
        clueAccepted,
        {
          subject: clueId,
          district: member.districtCode,
          data: { ...clueFacts(clueId, member.districtCode, member.id), acceptedBy: 'bench-procurator', acceptedAt: new Date().toISOString() },
        },
        { source: 'clues' },
      );
      return [envelope.id, clueAccepted.topic, clueId, clueAccepted.type, JSON.stringify(envelope)];
    },
    async check(n) {
      const [{ entries, events }] = await db.$queryRawUnsafe<[{ entries: bigint; events: bigint }]>(
        `SELECT (SELECT count(*) FROM points_entry) AS entries, (SELECT count(*) FROM outbox_event WHERE type = 'grids.points.credited') AS events`,
      );
      if (Number(entries) !== n || Number(events) !== n) throw new Error(`grids: ${n} events gave ${entries} credits and ${events} points.credited events`);
    },
  };
}

export const benchConsumers = { indicators, grids } as const;
export type BenchConsumerName = keyof typeof benchConsumers;
