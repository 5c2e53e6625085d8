/**
 * The dead-letter topics, for an operator: what is in one and why, and sending chosen messages
 * back to their topic once the cause is fixed (consumers de-duplicate by event id, so a replay of
 * something applied meanwhile changes nothing).
 *
 *   npx tsx tools/dlq.ts list clues.clue.v1                      one line per message: offset, failed at, group, reason
 *   npx tsx tools/dlq.ts replay clues.clue.v1 --offsets 0:3,1:7  the messages at partition:offset of the DLQ
 *   npx tsx tools/dlq.ts replay clues.clue.v1 --all [--reason "district 39"]   every one (whose reason contains the text)
 * Kafka from KAFKA_BROKERS (default 127.0.0.1:9092) and KAFKA_NAMESPACE (default none); on a secure broker
 * as KAFKA_SASL_USERNAME/PASSWORD (e.g. eval "$(bash tools/infra/kafka.sh env admin)").
 */
import { parseArgs } from 'node:util';
import { kafkaSecurityFromEnv } from '@pgov/config';
import { createKafka, readDeadLetters, replayDeadLetters } from '@pgov/messaging';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { offsets: { type: 'string' }, all: { type: 'boolean', default: false }, reason: { type: 'string' } },
  });
  const [command, topic] = positionals;
  if ((command !== 'list' && command !== 'replay') || !topic) throw new Error('usage: dlq.ts list|replay <topic> [--offsets p:o,...|--all] [--reason text]');
  const kafka = createKafka({ clientId: 'dlq-tool', brokers: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092', namespace: process.env['KAFKA_NAMESPACE'] ?? '', ...kafkaSecurityFromEnv() });
  const letters = await readDeadLetters(kafka, topic);
  const matching = letters.filter((l) => !values.reason || l.reason.includes(values.reason));
  if (command === 'list') {
    for (const l of matching) console.log(`${l.partition}:${l.offset}\t${l.failedAt}\t${l.consumerGroup}\t${l.headers['event-type'] ?? ''}\t${l.reason}`);
    console.log(`${matching.length} of ${letters.length} dead letter(s) in ${topic}.dlq`);
    return;
  }
  const wanted = new Set((values.offsets ?? '').split(',').filter(Boolean));
  const chosen = values.all ? matching : matching.filter((l) => wanted.has(`${l.partition}:${l.offset}`));
  if (chosen.length === 0) throw new Error('nothing chosen: give --offsets partition:offset,... or --all');
  console.log(`replayed ${await replayDeadLetters(kafka, chosen)} message(s) to their topic`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
