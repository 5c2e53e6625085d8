import { randomUUID } from 'node:crypto';
import { buildEnvelope, clueSubmitted } from '@pgov/contracts';
import { on, processMessage, silentLogger, type IncomingMessage } from '@pgov/messaging';
import { testDatabaseUrl, truncateTables } from '@pgov/testing';
import { clueSubmittedHandler } from '../src/events/clue-submitted.handler';
import { pointsRepository } from '../src/persistence/points.repository';
import { createDb, type GridsDb } from '../src/persistence/prisma';

// Integration on the real grids database: the clue-submitted handler through the library's
// per-message function, as the consumer runs it (processed-event record + handler in one transaction).
const DB = testDatabaseUrl('grids');
let db: GridsDb;
const deadLetters: string[] = [];
let memberId: string;

const context = () => ({
  consumer: 'grids',
  db,
  logger: silentLogger,
  retryDelayMs: 1,
  handlers: [on(clueSubmitted, clueSubmittedHandler(pointsRepository(db), { clueReported: 3 }))],
  deadLetter: async (_: IncomingMessage, reason: string) => {
    deadLetters.push(reason);
  },
});

function message(reporterMemberId: string | null, overrides: { id?: string; clueId?: string } = {}): IncomingMessage {
  const clueId = overrides.clueId ?? randomUUID();
  const envelope = buildEnvelope(
    clueSubmitted,
    {
      subject: clueId,
      district: '610113',
      data: {
        clueId,
        number: '610113-2026-000001',
        districtCode: '610113',
        gridCode: '610113-T-01',
        source: 'GRID_REPORT',
        category: 'CIVIL',
        reporterMemberId,
        submittedAt: new Date().toISOString(),
      },
    },
    { source: 'clues', id: overrides.id },
  );
  return { topic: clueSubmitted.topic, partition: 0, offset: '0', key: clueId, value: JSON.stringify(envelope) };
}

const ledger = () => db.pointsEntry.findMany({ where: { memberId } });

beforeAll(async () => {
  await truncateTables(DB, ['district']);
  db = createDb(DB);
  const street = await db.street.create({ data: { code: '610113-T', name: '测试街道', districtCode: '610113' } });
  const community = await db.community.create({ data: { code: '610113-T-C', name: '测试社区', streetId: street.id } });
  await db.grid.create({ data: { code: '610113-T-01', name: '测试网格', communityId: community.id, districtCode: '610113' } });
  memberId = (
    await db.member.create({
      data: { name: '测试网格员', team: 'GRID_WORKER', informantRoles: ['INFORMATION_OFFICER'], gridCode: '610113-T-01', districtCode: '610113', phone: '13800000000', idNumber: '11010519491231002X', joinedOn: new Date('2024-01-01') },
    })
  ).id;
});

afterAll(async () => {
  await db?.$disconnect();
});

describe('crediting points for submitted clues', () => {
  it('credits the reporter once and announces it through the outbox in the same transaction', async () => {
    const m = message(memberId);
    expect(await processMessage(context(), m)).toMatchObject({ status: 'applied' });
    const entries = await ledger();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ points: 3, reason: 'CLUE_REPORTED' });
    const outbox = await db.outboxEvent.findMany({ where: { key: memberId } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.envelope).toMatchObject({ type: 'grids.points.credited', data: { memberId, points: 3, ledgerEntryId: entries[0]!.id } });
  });

  it('changes nothing when the same event is delivered again', async () => {
    const m = message(memberId);
    await processMessage(context(), m);
    const before = (await ledger()).length;
    expect(await processMessage(context(), m)).toMatchObject({ status: 'duplicate' });
    expect(await ledger()).toHaveLength(before);
  });

  it('never pays twice for one clue, even from a second event about it', async () => {
    const clueId = randomUUID();
    await processMessage(context(), message(memberId, { clueId }));
    const before = (await ledger()).length;
    expect(await processMessage(context(), message(memberId, { clueId }))).toMatchObject({ status: 'applied' });
    expect(await ledger()).toHaveLength(before);
  });

  it('credits nobody for anonymous clues', async () => {
    const before = await db.pointsEntry.count();
    expect(await processMessage(context(), message(null))).toMatchObject({ status: 'applied' });
    expect(await db.pointsEntry.count()).toBe(before);
  });

  it('dead-letters a clue naming an unknown reporter, leaving no processed record behind', async () => {
    const m = message(randomUUID());
    expect(await processMessage(context(), m)).toMatchObject({ status: 'dead-lettered' });
    expect(deadLetters.at(-1)).toMatch(/is not a known member/);
    const eventId = JSON.parse(String(m.value)).id;
    expect(await db.processedEvent.count({ where: { eventId } })).toBe(0);
  });
});
