import { randomUUID } from 'node:crypto';
import { clueAccepted, clueCaseOpened, clueRejected, clueSubmitted, type ClueSubmittedData } from '@pgov/contracts';
import { statementRecorder } from '@pgov/testing';
import { indicatorEvents, message, type IndicatorEvents } from './support/indicator-events';

// The five clue indicators kept from clues.clue.v1 on the real database: values equal recounts
// from the facts whatever the order, duplication or concurrency of the events.
const CLUE_INDICATORS = ['CLUES_FROM_GRIDS', 'GRID_PUBLIC_INTEREST_REFERRALS', 'CLUE_ACCEPTANCE_RATE', 'CLUE_DECISION_DAYS', 'CLUE_TO_CASE_RATE'] as const;
let h: IndicatorEvents;
const recorder = statementRecorder();

beforeAll(() => {
  h = indicatorEvents({ onQuery: recorder.onQuery });
});
beforeEach(() => h.reset());
afterAll(() => h?.stop());

const facts = (clueId: string, districtCode: string) => ({
  clueId,
  number: `${districtCode}-2026-000001`,
  districtCode,
  gridCode: null,
  source: 'GRID_REPORT' as const,
  category: 'CIVIL' as const,
  reporterMemberId: null,
});

function submitted(data: Partial<ClueSubmittedData> = {}) {
  const clueId = data.clueId ?? randomUUID();
  const districtCode = data.districtCode ?? '610113';
  return message(clueSubmitted, { ...facts(clueId, districtCode), submittedAt: '2026-11-20T03:00:00.000Z', ...data, clueId, districtCode }, { subject: clueId });
}
const accepted = (clueId: string, districtCode: string, acceptedAt: string) =>
  message(clueAccepted, { ...facts(clueId, districtCode), acceptedBy: 'p', acceptedAt }, { subject: clueId });
const rejected = (clueId: string, districtCode: string, rejectedAt: string) =>
  message(clueRejected, { clueId, number: `${districtCode}-2026-000001`, districtCode, reason: '不属于检察职能', rejectedBy: 'p', rejectedAt }, { subject: clueId });
const caseOpened = (clueId: string, districtCode: string, openedAt: string) =>
  message(clueCaseOpened, { ...facts(clueId, districtCode), department: 'PUBLIC_INTEREST', openedBy: 'p', openedAt }, { subject: clueId });

describe('clue indicators', () => {
  it('counts grid reports per district, for the city, per month, quarter and year (China time)', async () => {
    await h.deliver([
      submitted({ districtCode: '610113' }),
      submitted({ districtCode: '610113', category: 'PUBLIC_INTEREST_ECOLOGY' }),
      submitted({ districtCode: '610102' }),
      submitted({ districtCode: '610113', source: 'HOTLINE_12309' }),
      // 31 Oct 17:00 UTC is 1 Nov in China: counts for November.
      submitted({ districtCode: '610113', submittedAt: '2026-10-31T17:00:00.000Z' }),
    ]);
    expect((await h.value('CLUES_FROM_GRIDS', '610113', 'MONTH', '2026-11'))?.value).toBe(3);
    expect((await h.value('CLUES_FROM_GRIDS', '610102', 'MONTH', '2026-11'))?.value).toBe(1);
    expect((await h.value('CLUES_FROM_GRIDS', '610100', 'MONTH', '2026-11'))?.value).toBe(4);
    expect((await h.value('CLUES_FROM_GRIDS', '610100', 'QUARTER', '2026-Q4'))?.value).toBe(4);
    expect((await h.value('CLUES_FROM_GRIDS', '610100', 'YEAR', '2026'))?.value).toBe(4);
    expect((await h.value('GRID_PUBLIC_INTEREST_REFERRALS', '610113', 'MONTH', '2026-11'))?.value).toBe(1);
    await h.expectRecountEqual(CLUE_INDICATORS);
  });

  it('keeps the acceptance rate, the mean days to a decision and the clue-to-case rate with their numerators and denominators', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await h.deliver([
      submitted({ clueId: a, submittedAt: '2026-11-01T02:00:00.000Z' }),
      submitted({ clueId: b, submittedAt: '2026-11-02T02:00:00.000Z' }),
      submitted({ clueId: c, submittedAt: '2026-11-03T02:00:00.000Z' }),
      accepted(a, '610113', '2026-11-05T02:00:00.000Z'), // 4 days
      accepted(b, '610113', '2026-11-04T02:00:00.000Z'), // 2 days
      rejected(c, '610113', '2026-11-09T02:00:00.000Z'), // 6 days
      caseOpened(a, '610113', '2026-12-10T02:00:00.000Z'),
    ]);
    expect(await h.value('CLUE_ACCEPTANCE_RATE', '610113', 'MONTH', '2026-11')).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });
    expect(await h.value('CLUE_DECISION_DAYS', '610113', 'MONTH', '2026-11')).toEqual({ numerator: 12, denominator: 3, value: 4 });
    // The case opened in December counts for the month the clue was accepted.
    expect(await h.value('CLUE_TO_CASE_RATE', '610113', 'MONTH', '2026-11')).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(await h.value('CLUE_TO_CASE_RATE', '610100', 'YEAR', '2026')).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(await h.value('CLUE_TO_CASE_RATE', '610113', 'MONTH', '2026-12')).toBeUndefined();
    await h.expectRecountEqual(CLUE_INDICATORS);
  });

  it('applies a duplicated event once, and a replay by a new consumer on empty tables gives the same values', async () => {
    const ids = Array.from({ length: 12 }, () => randomUUID());
    const events = ids.flatMap((id, i) => {
      const d = i % 2 ? '610113' : '610112';
      return [submitted({ clueId: id, districtCode: d }), i % 3 ? accepted(id, d, '2026-11-21T02:00:00.000Z') : rejected(id, d, '2026-11-22T02:00:00.000Z')];
    });
    await h.deliver(events);
    const snapshot = async () =>
      (await h.db.indicatorValue.findMany({ orderBy: [{ indicatorCode: 'asc' }, { districtCode: 'asc' }, { periodKind: 'asc' }, { period: 'asc' }] })).map((v) => [
        v.indicatorCode,
        v.districtCode,
        v.period,
        v.numerator,
        v.denominator,
        v.value,
      ]);
    const first = await snapshot();
    expect((await h.deliver(events)).every((o) => o.status === 'duplicate')).toBe(true);
    expect(await snapshot()).toEqual(first);
    await h.reset();
    await h.deliver(events, { consumer: 'indicators-replay', alerts: false });
    expect(await snapshot()).toEqual(first);
    expect((await h.value('CLUES_FROM_GRIDS', '610100', 'MONTH', '2026-11'))?.value).toBe(12);
  });

  it('stays exact under concurrent consumers (the city rows are shared by all districts)', async () => {
    const districts = ['610102', '610103', '610104', '610111', '610112', '610113'];
    const ids = Array.from({ length: 60 }, () => randomUUID());
    await Promise.all(ids.map((id, i) => h.deliver(submitted({ clueId: id, districtCode: districts[i % districts.length] }))));
    await Promise.all(ids.map((id, i) => h.deliver(accepted(id, districts[i % districts.length]!, '2026-11-21T02:00:00.000Z'))));
    expect((await h.value('CLUES_FROM_GRIDS', '610100', 'MONTH', '2026-11'))?.value).toBe(60);
    expect(await h.value('CLUE_ACCEPTANCE_RATE', '610100', 'MONTH', '2026-11')).toEqual({ numerator: 60, denominator: 60, value: 1 });
    for (const d of districts) expect((await h.value('CLUES_FROM_GRIDS', d, 'MONTH', '2026-11'))?.value).toBe(10);
    await h.expectRecountEqual(CLUE_INDICATORS);
  });

  it('applies a run of events with a fixed number of statements, however many events and clues it holds', async () => {
    const story = (n: number) =>
      Array.from({ length: n }, () => randomUUID()).flatMap((id, i) => {
        const district = i % 2 === 0 ? '610113' : '610104';
        return [submitted({ clueId: id, districtCode: district }), accepted(id, district, '2026-11-21T02:00:00.000Z'), caseOpened(id, district, '2026-11-22T02:00:00.000Z')];
      });
    const small = await recorder.statementsOf(() => h.deliver(story(2), { run: 500 }));
    const large = await recorder.statementsOf(() => h.deliver(story(100), { run: 500 }));
    // Lock and save of the run's clue facts, one upsert of the summed values.
    expect(large).toHaveLength(small.length);
    expect(large.length).toBeLessThanOrEqual(3);
    expect(await h.value('CLUE_TO_CASE_RATE', '610100', 'MONTH', '2026-11')).toEqual({ numerator: 102, denominator: 102, value: 1 });
    await h.expectRecountEqual(CLUE_INDICATORS);
  });
});
