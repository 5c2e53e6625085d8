import { randomUUID } from 'node:crypto';
import { buildEnvelope, clueSubmitted, type ClueSubmittedData } from '@pgov/contracts';
import { on, processMessage, silentLogger, type IncomingMessage } from '@pgov/messaging';
import { testDatabaseUrl, truncateTables } from '@pgov/testing';
import { handleClueSubmitted } from '../src/events/clue-submitted.handler';
import { createDb, type IndicatorsDb } from '../src/persistence/prisma';

// Integration on the real indicators database: values are recounts of the facts, whatever the
// order, duplication or concurrency of the events.
const DB = testDatabaseUrl('indicators');
let db: IndicatorsDb;

const ctx = (consumer = 'indicators') => ({
  consumer,
  db,
  logger: silentLogger,
  handlers: [on(clueSubmitted, handleClueSubmitted)],
  deadLetter: async () => {
    throw new Error('nothing here should be dead-lettered');
  },
});

function event(data: Partial<ClueSubmittedData>): IncomingMessage {
  const clueId = randomUUID();
  const envelope = buildEnvelope(
    clueSubmitted,
    {
      subject: clueId,
      district: data.districtCode ?? '610113',
      data: {
        clueId,
        number: '610113-2026-000001',
        districtCode: '610113',
        gridCode: null,
        source: 'GRID_REPORT',
        category: 'CIVIL',
        reporterMemberId: null,
        submittedAt: '2026-11-20T03:00:00.000Z',
        ...data,
      },
    },
    { source: 'clues' },
  );
  return { topic: clueSubmitted.topic, partition: 0, offset: '0', key: clueId, value: JSON.stringify(envelope) };
}

const value = async (code: string, district: string, kind: 'MONTH' | 'QUARTER' | 'YEAR', period: string) =>
  (await db.indicatorValue.findUnique({ where: { indicatorCode_districtCode_periodKind_period: { indicatorCode: code, districtCode: district, periodKind: kind, period } } }))?.value;

beforeEach(async () => {
  await truncateTables(DB, ['indicator']);
});

beforeAll(() => {
  db = createDb(DB);
});

afterAll(async () => {
  await db?.$disconnect();
});

describe('clue indicators', () => {
  it('counts grid reports per district, for the city, per month, quarter and year (China time)', async () => {
    const events = [
      event({ districtCode: '610113' }),
      event({ districtCode: '610113', category: 'PUBLIC_INTEREST_ECOLOGY' }),
      event({ districtCode: '610102' }),
      event({ districtCode: '610113', source: 'HOTLINE_12309' }),
      // 31 Oct 17:00 UTC is 1 Nov in China: counts for November.
      event({ districtCode: '610113', submittedAt: '2026-10-31T17:00:00.000Z' }),
    ];
    for (const e of events) await processMessage(ctx(), e);
    expect(await value('CLUES_FROM_GRIDS', '610113', 'MONTH', '2026-11')).toBe(3);
    expect(await value('CLUES_FROM_GRIDS', '610102', 'MONTH', '2026-11')).toBe(1);
    expect(await value('CLUES_FROM_GRIDS', '610100', 'MONTH', '2026-11')).toBe(4);
    expect(await value('CLUES_FROM_GRIDS', '610100', 'QUARTER', '2026-Q4')).toBe(4);
    expect(await value('CLUES_FROM_GRIDS', '610100', 'YEAR', '2026')).toBe(4);
    expect(await value('GRID_PUBLIC_INTEREST_REFERRALS', '610113', 'MONTH', '2026-11')).toBe(1);
  });

  it('gives the same values when the topic is replayed from the beginning by a new consumer', async () => {
    const events = Array.from({ length: 12 }, (_, i) => event({ districtCode: i % 2 ? '610113' : '610112' }));
    for (const e of events) await processMessage(ctx(), e);
    const first = await db.indicatorValue.findMany({ orderBy: [{ indicatorCode: 'asc' }, { districtCode: 'asc' }, { period: 'asc' }] });
    // A replay: the same events again (duplicates for this consumer) and through a fresh consumer id.
    for (const e of events) expect(await processMessage(ctx(), e)).toMatchObject({ status: 'duplicate' });
    for (const e of events) await processMessage(ctx('indicators-replay'), e);
    const second = await db.indicatorValue.findMany({ orderBy: [{ indicatorCode: 'asc' }, { districtCode: 'asc' }, { period: 'asc' }] });
    expect(second.map((v) => [v.indicatorCode, v.districtCode, v.period, v.value])).toEqual(first.map((v) => [v.indicatorCode, v.districtCode, v.period, v.value]));
    expect(await value('CLUES_FROM_GRIDS', '610100', 'MONTH', '2026-11')).toBe(12);
  });

  it('stays exact under concurrent consumers (the city count is shared by all districts)', async () => {
    const districts = ['610102', '610103', '610104', '610111', '610112', '610113'];
    const events = Array.from({ length: 60 }, (_, i) => event({ districtCode: districts[i % districts.length] }));
    await Promise.all(events.map((e) => processMessage(ctx(), e)));
    expect(await value('CLUES_FROM_GRIDS', '610100', 'MONTH', '2026-11')).toBe(60);
    for (const d of districts) expect(await value('CLUES_FROM_GRIDS', d, 'MONTH', '2026-11')).toBe(10);
  });
});
