/**
 * How fast the indicators apply events: a seeded stream of clue (or all) events through the same
 * per-message path as the service's consumer (processMessage: validation, de-duplication, one
 * transaction), one at a time, on a scratch database; rounds show whether it slows as facts grow.
 *
 *   INDICATORS_TEST_DATABASE_URL=postgresql://indicators:indicators@127.0.0.1:5432/indicators_bench \
 *     npx tsx tools/bench-indicator-events.ts [--events 4000] [--rounds 3] [--mix clues|all]
 *   (the database must be migrated; it is emptied first)
 */
import { parseArgs } from 'node:util';
import { eventStories, interleave } from '../apps/indicators/test/support/event-stories';
import { indicatorEvents } from '../apps/indicators/test/support/indicator-events';

async function main() {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '4000' }, rounds: { type: 'string', default: '3' }, mix: { type: 'string', default: 'clues' } } });
  const target = Number(values.events);
  const h = indicatorEvents();
  await h.reset();
  try {
    for (let round = 0; round < Number(values.rounds); round++) {
      // About 2.3 events per clue story; the 'all' mix adds every other kind in proportion.
      const clues = Math.ceil(target / 2.3);
      const sizes =
        values.mix === 'all'
          ? { clues: Math.ceil(clues / 2), recommendations: Math.ceil(clues / 8), petitions: Math.ceil(clues / 5), hearings: Math.ceil(clues / 15), grids: 20, members: Math.ceil(clues / 10) }
          : { clues, recommendations: 0, petitions: 0, hearings: 0, grids: 0, members: 0 };
      const stream = interleave(eventStories(1000 + round, sizes), round).slice(0, target);
      const facts = await h.db.clueFact.count();
      const started = process.hrtime.bigint();
      await h.deliver(stream);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      console.log(`round ${round + 1}: ${stream.length} events in ${seconds.toFixed(1)} s = ${Math.round(stream.length / seconds)} events/s (clue facts before: ${facts})`);
    }
    const compared = await h.db.indicatorValue.count();
    console.log(`${compared} values kept`);
  } finally {
    await h.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
