import { randomUUID } from 'node:crypto';
import { buildEnvelope, clueAccepted, clueCaseOpened } from '@pgov/contracts';
import { on, processMessage, silentLogger, type IncomingMessage } from '@pgov/messaging';
import { testDatabaseUrl, truncateTables } from '@pgov/testing';
import { clueOutcomeHandler } from '../src/events/clue-outcome.handler';
import { pointsRepository } from '../src/persistence/points.repository';
import { createDb, type GridsDb } from '../src/persistence/prisma';

// Integration on the real grids database: the clue-outcome handlers through the library's
// per-message function, as the consumer runs them (processed-event record + handler in one transaction).
const DB = testDatabaseUrl('grids');
const defaults = { CLUE_ACCEPTED: 2, CLUE_CASE_OPENED: 5 };
let db: GridsDb;
const deadLetters: string[] = [];
let memberId: string;

const context = () => {
  const points = pointsRepository(db);
  return {
    consumer: 'grids',
    db,
    logger: silentLogger,
    retryDelayMs: 1,
    handlers: [on(clueAccepted, clueOutcomeHandler(points, 'CLUE_ACCEPTED', defaults)), on(clueCaseOpened, clueOutcomeHandler(points, 'CLUE_CASE_OPENED', defaults))],
    deadLetter: async (_: IncomingMessage, reason: string) => {
      deadLetters.push(reason);
    },
  };
};

const clueFacts = (clueId: string, reporterMemberId: string | null, districtCode: string) => ({
  clueId,
  number: `${districtCode}-2026-000001`,
  districtCode,
  gridCode: '610113-T-C-01',
  source: 'GRID_REPORT' as const,
  category: 'CIVIL' as const,
  reporterMemberId,
});

function accepted(reporterMemberId: string | null, { clueId = randomUUID(), districtCode = '610113' } = {}): IncomingMessage {
  const envelope = buildEnvelope(
    clueAccepted,
    { subject: clueId, district: districtCode, data: { ...clueFacts(clueId, reporterMemberId, districtCode), acceptedBy: 'procurator-1', acceptedAt: new Date().toISOString() } },
    { source: 'clues' },
  );
  return { topic: clueAccepted.topic, partition: 0, offset: '0', key: clueId, value: JSON.stringify(envelope) };
}

function caseOpened(reporterMemberId: string, clueId: string): IncomingMessage {
  const envelope = buildEnvelope(
    clueCaseOpened,
    {
      subject: clueId,
      district: '610113',
      data: { ...clueFacts(clueId, reporterMemberId, '610113'), department: 'PUBLIC_INTEREST', openedBy: 'procurator-1', openedAt: new Date().toISOString() },
    },
    { source: 'clues' },
  );
  return { topic: clueCaseOpened.topic, partition: 0, offset: '0', key: clueId, value: JSON.stringify(envelope) };
}

const ledger = () => db.pointsEntry.findMany({ where: { memberId }, orderBy: { creditedAt: 'asc' } });

beforeAll(async () => {
  await truncateTables(DB, ['district']);
  db = createDb(DB);
  const street = await db.street.create({ data: { code: '610113-T', name: '测试街道', districtCode: '610113' } });
  const community = await db.community.create({ data: { code: '610113-T-C', name: '测试社区', streetId: street.id, districtCode: '610113' } });
  await db.grid.create({ data: { code: '610113-T-C-01', name: '测试网格', communityId: community.id, districtCode: '610113' } });
  memberId = (
    await db.member.create({
      data: {
        name: '测试网格员',
        team: 'GRID_WORKER',
        informantRoles: ['INFORMATION_OFFICER'],
        gridCode: '610113-T-C-01',
        districtCode: '610113',
        joinedOn: new Date('2024-01-01'),
      },
    })
  ).id;
});

afterAll(async () => {
  await db?.$disconnect();
});

describe('crediting points when a reported clue is accepted or leads to a case', () => {
  it('credits the default for acceptance once and announces it through the outbox in the same transaction', async () => {
    const m = accepted(memberId);
    expect(await processMessage(context(), m)).toMatchObject({ status: 'applied' });
    const entries = await ledger();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ points: 2, reason: 'CLUE_ACCEPTED', clueDistrictCode: '610113' });
    const outbox = await db.outboxEvent.findMany({ where: { key: memberId } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.envelope).toMatchObject({ type: 'grids.points.credited', data: { memberId, points: 2, reason: 'CLUE_ACCEPTED', ledgerEntryId: entries[0]!.id } });
  });

  it('credits the case opening separately from the acceptance of the same clue', async () => {
    const clueId = randomUUID();
    await processMessage(context(), accepted(memberId, { clueId }));
    expect(await processMessage(context(), caseOpened(memberId, clueId))).toMatchObject({ status: 'applied' });
    const forClue = (await ledger()).filter((e) => e.clueId === clueId);
    expect(forClue.map((e) => [e.reason, e.points])).toEqual([
      ['CLUE_ACCEPTED', 2],
      ['CLUE_CASE_OPENED', 5],
    ]);
  });

  it('pays the amount the clue’s district set for itself', async () => {
    await db.pointsRule.create({ data: { districtCode: '610112', reason: 'CLUE_ACCEPTED', points: 7, updatedBy: 'admin' } });
    const clueId = randomUUID();
    await processMessage(context(), accepted(memberId, { clueId, districtCode: '610112' }));
    expect((await ledger()).find((e) => e.clueId === clueId)).toMatchObject({ points: 7, clueDistrictCode: '610112' });
  });

  it('pays nothing where the district turned the reward off', async () => {
    await db.pointsRule.create({ data: { districtCode: '610111', reason: 'CLUE_ACCEPTED', points: 0, updatedBy: 'admin' } });
    const before = (await ledger()).length;
    expect(await processMessage(context(), accepted(memberId, { districtCode: '610111' }))).toMatchObject({ status: 'applied' });
    expect(await ledger()).toHaveLength(before);
  });

  it('changes nothing when the same event is delivered again', async () => {
    const m = accepted(memberId);
    await processMessage(context(), m);
    const before = (await ledger()).length;
    expect(await processMessage(context(), m)).toMatchObject({ status: 'duplicate' });
    expect(await ledger()).toHaveLength(before);
  });

  it('never pays twice for one clue and reason, even from a second event about it, also when they race', async () => {
    const clueId = randomUUID();
    const before = (await ledger()).length;
    const outcomes = await Promise.all([processMessage(context(), accepted(memberId, { clueId })), processMessage(context(), accepted(memberId, { clueId }))]);
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    expect(await ledger()).toHaveLength(before + 1);
    expect(await db.outboxEvent.count({ where: { type: 'grids.points.credited', envelope: { path: ['data', 'clueId'], equals: clueId } } })).toBe(1);
  });

  it('credits nobody for anonymous clues', async () => {
    const before = await db.pointsEntry.count();
    expect(await processMessage(context(), accepted(null))).toMatchObject({ status: 'applied' });
    expect(await db.pointsEntry.count()).toBe(before);
  });

  it('dead-letters a clue naming an unknown reporter, leaving no processed record behind', async () => {
    const m = accepted(randomUUID());
    expect(await processMessage(context(), m)).toMatchObject({ status: 'dead-lettered' });
    expect(deadLetters.at(-1)).toMatch(/is not a known member/);
    const eventId = JSON.parse(String(m.value)).id;
    expect(await db.processedEvent.count({ where: { eventId } })).toBe(0);
  });
});
