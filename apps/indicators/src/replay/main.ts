/**
 * Rebuilds the indicators' facts and values from the Kafka topics' beginning, then checks every
 * value against its recount. Stop the indicators service first (e.g. scale it to 0).
 *
 *   node --import tsx apps/indicators/src/replay/main.ts          (the service's env: DATABASE_URL, KAFKA_*)
 *   node --import tsx apps/indicators/src/replay/main.ts --check  (only compares every value with its recount; the service may run)
 */
import { progressBar } from '@pgov/demo-data';
import { createLogger } from '@pgov/logger';
import { kafkaClientSecurity } from '@pgov/config';
import { createKafka } from '@pgov/messaging';
import { readConfig } from '../config';
import { createDb } from '../persistence/prisma';
import { compareWithRecount, type RecountComparison } from '../persistence/recount';
import { replayIndicators } from '../services/replay.service';

async function main(): Promise<number> {
  const config = readConfig();
  const logger = createLogger('indicators-replay', config.LOG_LEVEL);
  const db = createDb(config.DATABASE_URL);
  const kafka = createKafka({ clientId: `${config.KAFKA_CLIENT_ID}-replay`, brokers: config.KAFKA_BROKERS, namespace: config.KAFKA_NAMESPACE, logger, ...kafkaClientSecurity(config) });
  let bar: ReturnType<typeof progressBar> | undefined;
  try {
    if (process.argv.includes('--check')) return report(await compareWithRecount(db));
    const { replay, recount } = await replayIndicators(
      { db, kafka, logger },
      {
        onProgress: (done, total) => {
          bar ??= progressBar(total, 'events');
          bar.update(done);
        },
      },
    );
    bar?.done();
    const o = replay.outcomes;
    process.stdout.write(
      `replayed ${replay.total} messages: ${o.applied} applied, ${o.duplicate} duplicates, ${o.ignored} not counted by any indicator, ${o['dead-lettered']} not applicable\n`,
    );
    return report(recount);
  } finally {
    await db.$disconnect();
  }
}

function report(recount: RecountComparison): number {
  if (recount.mismatches.length > 0) {
    process.stdout.write(`${recount.mismatches.length} of ${recount.compared} values differ from their recount:\n`);
    for (const m of recount.mismatches.slice(0, 20)) process.stdout.write(`  ${m.key}: stored ${JSON.stringify(m.stored)}, recounted ${JSON.stringify(m.recounted)}\n`);
    return 1;
  }
  process.stdout.write(`${recount.compared} values, each equal to its recount from the facts\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`replay failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
