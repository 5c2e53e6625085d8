import { buildReport } from '../src/services/report.service';
import { eventStories, interleave } from './support/event-stories';
import { indicatorEvents, type IndicatorEvents } from './support/indicator-events';

// Reports built from the stored values on the real database: every indicator, trend, rank, the
// state indicator carried into periods without a change, and the overdue items from the facts.
let h: IndicatorEvents;

beforeAll(async () => {
  h = indicatorEvents();
  await h.reset();
  await h.deliver(interleave(eventStories(3, { clues: 120, recommendations: 40, petitions: 60, hearings: 20, grids: 30, members: 60 }), 5));
}, 120_000);
afterAll(() => h?.stop());

const now = new Date('2027-01-10T02:00:00Z');

it('lists the 17 indicators of a district with its stored values, the previous period and its rank', async () => {
  const report = await buildReport(h.db, '610113', 'QUARTER', '2026-Q3', now);
  expect(report.lines).toHaveLength(17);
  expect(report.previousPeriod).toBe('2026-Q2');
  for (const line of report.lines.filter((l) => l.code !== 'INFORMANT_GRID_COVERAGE')) {
    const stored = await h.value(line.code as never, '610113', 'QUARTER', '2026-Q3');
    expect([line.code, line.value]).toEqual([line.code, stored?.value ?? null]);
    const previous = await h.value(line.code as never, '610113', 'QUARTER', '2026-Q2');
    expect([line.code, line.previousValue]).toEqual([line.code, previous?.value ?? null]);
    if (line.value !== null) expect(line.rank).toBeGreaterThanOrEqual(1);
    expect(line.districtValues).toHaveLength(13);
  }
});

it('carries a state indicator into a period without a change, and lists what is overdue', async () => {
  const latest = await h.db.indicatorValue.findFirst({
    where: { indicatorCode: 'INFORMANT_GRID_COVERAGE', districtCode: '610100', periodKind: 'QUARTER' },
    orderBy: { period: 'desc' },
  });
  expect(latest).not.toBeNull();
  const later = await buildReport(h.db, '610100', 'QUARTER', '2027-Q3', now);
  const coverage = later.lines.find((l) => l.code === 'INFORMANT_GRID_COVERAGE')!;
  expect(coverage).toMatchObject({ value: latest!.value, numerator: latest!.numerator, denominator: latest!.denominator, trend: 'FLAT' });
  expect(later.lines.find((l) => l.code === 'CLUES_FROM_GRIDS')!.value).toBeNull();

  const city = await buildReport(h.db, '610100', 'YEAR', '2026', now);
  // Owed and due within the year (the stories' later ones fall due in 2027).
  const owed = await h.db.recommendationFact.count({ where: { overdueAt: { not: null }, repliedAt: null, replyDueOn: { lte: new Date('2026-12-31T00:00:00Z') } } });
  expect(city.overdue.filter((o) => o.kind === 'RECOMMENDATION_REPLY')).toHaveLength(owed);
  expect(owed).toBeGreaterThan(0);
  expect(city.overdue.every((o) => o.daysOverdue > 0 && o.dueOn <= '2026-12-31')).toBe(true);
  const district = await buildReport(h.db, '610113', 'YEAR', '2026', now);
  expect(district.overdue.every((o) => o.districtCode === '610113')).toBe(true);
});
