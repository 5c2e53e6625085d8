import { INDICATOR_CODES } from '../src/domain/catalogue';
import { eventStories, interleave } from './support/event-stories';
import { indicatorEvents, type IndicatorEvents } from './support/indicator-events';

// Every one of the 17 indicators at once, over the 13 districts: a seeded stream of all the events
// the indicators consume, stories interleaved at random and some events twice. Every stored value
// equals its recount from the facts, every indicator has values, and a replay on empty tables as
// another consumer gives the same values.
let h: IndicatorEvents;

beforeAll(() => {
  h = indicatorEvents();
});
afterAll(() => h?.stop());

const values = async () =>
  (await h.db.indicatorValue.findMany({ orderBy: [{ indicatorCode: 'asc' }, { districtCode: 'asc' }, { periodKind: 'asc' }, { period: 'asc' }] })).map((v) => [
    v.indicatorCode,
    v.districtCode,
    v.periodKind,
    v.period,
    // Sums of fractional days differ in the last bits with the order of addition.
    Number(v.numerator.toFixed(9)),
    Number(v.denominator.toFixed(9)),
  ]);

it('keeps every value of every indicator equal to its recount, in runs of events or one by one, and a replay reproduces them', async () => {
  await h.reset();
  const stories = eventStories(7, { clues: 160, recommendations: 50, petitions: 80, hearings: 30, grids: 40, members: 90 });
  const stream = interleave(stories, 11, 0.05);
  // As the service's consumer does: runs of events in one transaction, values written once per run.
  const outcomes = await h.deliver(stream, { run: 40 });
  expect(outcomes.filter((o) => o.status === 'duplicate').length).toBeGreaterThan(0);

  const compared = await h.expectRecountEqual();
  expect(compared).toBeGreaterThan(500);
  const codes = new Set((await h.db.indicatorValue.findMany({ where: { numerator: { gt: 0 } }, select: { indicatorCode: true }, distinct: ['indicatorCode'] })).map((v) => v.indicatorCode));
  expect([...codes].sort()).toEqual([...INDICATOR_CODES].sort());

  const live = await values();
  await h.reset();
  // The replay reads the topics in their order: here, the same stories in another interleaving, one event per transaction.
  await h.deliver(interleave(stories, 12), { consumer: 'indicators-replay', alerts: false });
  await h.expectRecountEqual();
  expect(await values()).toEqual(live);
}, 120_000);
