import { randomUUID } from 'node:crypto';
import { buildEnvelope, clueAccepted, clueCaseOpened } from '@pgov/contracts';
import { processBatch, processMessage, silentLogger, type IncomingMessage } from '@pgov/messaging';
import { testDatabaseUrl, truncateTables } from '@pgov/testing';
import { gridsHandlers, gridsRunHooks } from '../src/events';
import { createDb, type GridsDb } from '../src/persistence/prisma';

// Integration on the real grids database: the clue-outcome handlers through the library's
// per-message and per-run functions, as the consumer runs them (processed-event records + handlers
// + the run hooks in one transaction).
const DB = testDatabaseUrl('grids');
const defaults = { CLUE_ACCEPTED: 2, CLUE_CASE_OPENED: 5 };
let db: GridsDb;
const deadLetters: string[] = [];
let memberId: string;

/** The consumer's context as the service builds it; `hooks: false` as a consumer without the run hooks. */
const context = ({ on = db, hooks = true }: { on?: GridsDb; hooks?: boolean } = {}) => ({
  consumer: 'grids',
  db: on,
  logger: silentLogger,
  retryDelayMs: 1,
  handlers: gridsHandlers(on, defaults),
  ...(hooks ? { transactionHooks: gridsRunHooks(on) } : {}),
  deadLetter: async (_: IncomingMessage, reason: string) => {
    deadLetters.push(reason);
  },
});

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

  it('credits the same way without the run hooks (one event, its own reads and write)', async () => {
    const clueId = randomUUID();
    expect(await processMessage(context({ hooks: false }), accepted(memberId, { clueId, districtCode: '610112' }))).toMatchObject({ status: 'applied' });
    expect((await ledger()).find((e) => e.clueId === clueId)).toMatchObject({ points: 7, reason: 'CLUE_ACCEPTED' });
    expect(await db.outboxEvent.count({ where: { type: 'grids.points.credited', envelope: { path: ['data', 'clueId'], equals: clueId } } })).toBe(1);
    expect(await processMessage(context({ hooks: false }), accepted(randomUUID()))).toMatchObject({ status: 'dead-lettered' });
    expect(deadLetters.at(-1)).toMatch(/is not a known member/);
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

describe('crediting a run of clue outcomes in one transaction (as the consumer applies a fetched batch)', () => {
  const credited = (clueId: string) => db.outboxEvent.findMany({ where: { type: 'grids.points.credited', envelope: { path: ['data', 'clueId'], equals: clueId } } });

  it('dead-letters the event naming an unknown reporter with its reason and applies the rest of the run', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const clues: string[] = [a, b, c];
    const stranger = accepted(randomUUID());
    const run = [accepted(memberId, { clueId: a }), stranger, accepted(memberId, { clueId: b, districtCode: '610112' }), caseOpened(memberId, a), accepted(null, { clueId: c })];
    const outcomes = await processBatch(context(), run);
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'dead-lettered', 'applied', 'applied', 'applied']);
    expect(deadLetters.at(-1)).toMatch(/is not a known member/);
    expect(await db.processedEvent.count({ where: { eventId: JSON.parse(String(stranger.value)).id } })).toBe(0);
    const entries = (await ledger()).filter((e) => clues.includes(e.clueId!));
    const entryOf = (clueId: string, reason: string) => entries.find((e) => e.clueId === clueId && e.reason === reason);
    expect(entries).toHaveLength(3);
    expect([entryOf(a, 'CLUE_ACCEPTED')?.points, entryOf(b, 'CLUE_ACCEPTED')?.points, entryOf(a, 'CLUE_CASE_OPENED')?.points]).toEqual([2, 7, 5]);
    // One event per credit, naming its ledger entry, in the order of the events that caused them.
    const events = [...(await credited(a)), ...(await credited(b))].sort((x, y) => Number(x.seq - y.seq));
    expect(events.map((e) => (e.envelope as { data: { ledgerEntryId: string } }).data.ledgerEntryId)).toEqual([
      entryOf(a, 'CLUE_ACCEPTED')!.id,
      entryOf(b, 'CLUE_ACCEPTED')!.id,
      entryOf(a, 'CLUE_CASE_OPENED')!.id,
    ]);
  });

  it('knows a reporter whose id comes in upper case (the contract allows it)', async () => {
    const clueId = randomUUID();
    expect((await processBatch(context(), [accepted(memberId.toUpperCase(), { clueId })])).map((o) => o.status)).toEqual(['applied']);
    expect((await ledger()).filter((e) => e.clueId === clueId)).toHaveLength(1);
    expect(await credited(clueId)).toMatchObject([{ key: memberId }]);
  });

  it('pays once per clue and reason within a run and across runs, and a redelivered run changes nothing', async () => {
    const clueId = randomUUID();
    const first = accepted(memberId, { clueId });
    const run = [first, first, accepted(memberId, { clueId }), caseOpened(memberId, clueId), caseOpened(memberId, clueId)];
    const before = (await ledger()).length;
    expect((await processBatch(context(), run)).map((o) => o.status)).toEqual(['applied', 'duplicate', 'applied', 'applied', 'applied']);
    expect((await ledger()).filter((e) => e.clueId === clueId).map((e) => [e.reason, e.sourceEventId])).toEqual([
      ['CLUE_ACCEPTED', JSON.parse(String(first.value)).id],
      ['CLUE_CASE_OPENED', expect.any(String)],
    ]);
    expect(await credited(clueId)).toHaveLength(2);
    // A new event about a clue already paid, in a later run, and the whole run again.
    expect((await processBatch(context(), [accepted(memberId, { clueId }), ...run])).map((o) => o.status)).toEqual(['applied', ...run.map(() => 'duplicate')]);
    expect(await ledger()).toHaveLength(before + 2);
    expect(await credited(clueId)).toHaveLength(2);
  });

  it('applies a run with a fixed number of statements, however many events, members and districts it holds', async () => {
    const members = (
      await db.member.createManyAndReturn({
        data: Array.from({ length: 30 }, (_, i) => ({ name: `网格员${i}`, team: 'GRID_WORKER' as const, informantRoles: ['INFORMATION_OFFICER' as const], gridCode: '610113-T-C-01', districtCode: '610113', joinedOn: new Date('2024-01-01') })),
        select: { id: true },
      })
    ).map((m) => m.id);
    const districts = ['610113', '610112', '610111', '610104'];
    const story = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const clueId = randomUUID();
        const reporter = i % 10 === 9 ? null : members[i % members.length]!;
        return [accepted(reporter, { clueId, districtCode: districts[i % districts.length] }), ...(reporter ? [caseOpened(reporter, clueId)] : [])];
      }).flat();
    await db.pointsRule.upsert({
      where: { districtCode_reason: { districtCode: '610111', reason: 'CLUE_ACCEPTED' } },
      create: { districtCode: '610111', reason: 'CLUE_ACCEPTED', points: 0, updatedBy: 'admin' },
      update: { points: 0 },
    });
    const statements: string[] = [];
    const counted = createDb(DB, (sql) => void statements.push(sql));
    const statementsOf = async (messages: IncomingMessage[]) => {
      statements.length = 0;
      const outcomes = await processBatch(context({ on: counted }), messages);
      expect(outcomes.every((o) => o.status === 'applied')).toBe(true);
      return statements.filter((s) => !/^(BEGIN|COMMIT|ROLLBACK)/.test(s));
    };
    try {
      const before = await db.pointsEntry.count();
      const small = await statementsOf(story(2));
      const large = await statementsOf(story(200));
      // processed_event records, the district amounts, the reporters, the credits with their events.
      expect(large).toHaveLength(small.length);
      expect(large.length).toBeLessThanOrEqual(4);
      // Every named reporter is paid for the case, and for the acceptance except where 610111 pays nothing.
      const named = [0, 1, ...Array.from({ length: 200 }, (_, i) => i)].filter((i) => i % 10 !== 9);
      const unpaidAcceptances = named.filter((i) => districts[i % districts.length] === '610111').length;
      expect((await db.pointsEntry.count()) - before).toBe(named.length * 2 - unpaidAcceptances);
    } finally {
      await counted.$disconnect();
    }
  });
});
