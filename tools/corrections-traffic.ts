/**
 * Sample traffic of the justice bureau's community-corrections platform (社区矫正平台) and of the
 * district grid centres (综治中心), published on their inbound topics as those partners would:
 * envelopes from @pgov/contracts, keyed by person (or referral), each person's events in order.
 * Persons across the 13 districts are enrolled with their judgment dates, report in (a few late),
 * check in weekly (some miss, a few beyond the limit), are warned and educated, and some are
 * released (one without the announcement). Deterministic from --seed: the same seed sends the same
 * events with the same ids, so running it twice is a redelivery and changes nothing.
 *
 *   npx tsx tools/corrections-traffic.ts --persons 20 [--referrals 2] [--seed 1]
 *       [--brokers 127.0.0.1:9092] [--namespace x.] [--report-in-days 10] [--missed-limit 3]
 *
 * The limits must match the clues service's CORRECTIONS_REPORT_IN_DAYS and
 * CORRECTIONS_MISSED_CHECK_INS_LIMIT for the expected rule breaks printed at the end to hold.
 */
import { kafkaSecurityFromEnv } from '@pgov/config';
import { parseArgs } from 'node:util';
import {
  allEvents,
  buildEnvelope,
  gridCentreReferralSubmitted,
  personCheckedIn,
  personCheckInMissed,
  personEducated,
  personEnrolled,
  personReleased,
  personReportedIn,
  personWarned,
  CORRECTIONS_TOPIC,
  type ClueCategory,
  type DataOf,
  type EventDefinition,
} from '@pgov/contracts';
import { seededRandom } from '@pgov/demo-data';
import { createKafka, ensureTopics, physicalTopic } from '@pgov/messaging';
import { addDays, DISTRICTS } from '@pgov/reference-data';
import { Kafka, logLevel, Partitioners } from 'kafkajs';

/** Deterministic draws from the seed: the same seed, the same traffic. */
function random(seed: number) {
  const next = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const hex = (n: number) => Array.from({ length: n }, () => int(0, 15).toString(16)).join('');
  /** A version-4-shaped uuid from the generator (event ids must repeat with the seed). */
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(0, 3)]}${hex(3)}-${hex(12)}`;
  return { next, int, uuid };
}

interface Sent {
  key: string;
  value: string;
}

async function main() {
  const { values } = parseArgs({
    options: {
      persons: { type: 'string', default: '20' },
      referrals: { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
      brokers: { type: 'string', default: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092' },
      namespace: { type: 'string', default: process.env.KAFKA_NAMESPACE ?? '' },
      'report-in-days': { type: 'string', default: '10' },
      'missed-limit': { type: 'string', default: '3' },
    },
  });
  const brokers = values.brokers ?? '127.0.0.1:9092';
  const persons = Number(values.persons);
  const seed = Number(values.seed);
  const reportInDays = Number(values['report-in-days']);
  const missedLimit = Number(values['missed-limit']);
  const rnd = random(seed);

  // Per person: which rules the sample breaks (a few of each, spread over the districts).
  const late = (i: number) => i % 7 === 3;
  const tooManyMissed = (i: number) => i % 6 === 4;
  const released = (i: number) => i % 3 === 0;
  const unannounced = 0; // the first person released is released without the announcement
  const expected = { lateReportIn: 0, missedCheckIns: 0, releaseNotAnnounced: 0 };
  const byTopic = new Map<string, Sent[]>();
  const counts = new Map<string, number>();

  /** One envelope as the partner builds it, dated the day it happened (10:00 in China). */
  const emit = <D extends EventDefinition<unknown, string>>(definition: D, key: string, district: string, on: string, data: DataOf<D>) => {
    const envelope = buildEnvelope(definition, { subject: key, district, data }, { source: definition.service, id: rnd.uuid(), time: `${on}T10:00:00+08:00` });
    const list = byTopic.get(definition.topic) ?? [];
    list.push({ key, value: JSON.stringify(envelope) });
    byTopic.set(definition.topic, list);
    counts.set(definition.type, (counts.get(definition.type) ?? 0) + 1);
  };

  console.log(`community corrections: ${persons} persons (report in within ${reportInDays} days, at most ${missedLimit} missed check-ins)`);
  for (let i = 0; i < persons; i++) {
    const district = DISTRICTS[i % DISTRICTS.length]!.code;
    const personId = `SXJZ-2026-${String(seed).padStart(2, '0')}${String(i + 1).padStart(3, '0')}`;
    const facts = (occurredOn: string) => ({ personId, districtCode: district, occurredOn });
    const judgment = addDays('2026-06-01', rnd.int(0, 45));
    const notes: string[] = [];

    // Reporting in (报到) then enrolment (入矫); a late one has no reporting-in before enrolment.
    const delay = late(i) ? reportInDays + rnd.int(1, 8) : rnd.int(1, reportInDays);
    const enrolledOn = late(i) ? addDays(judgment, delay) : addDays(judgment, delay + rnd.int(0, 3));
    if (!late(i)) emit(personReportedIn, personId, district, addDays(judgment, delay), facts(addDays(judgment, delay)));
    emit(personEnrolled, personId, district, enrolledOn, { ...facts(enrolledOn), judgmentEffectiveOn: judgment });
    notes.push(`judgment ${judgment}, ${late(i) ? 'enrolled (first contact)' : 'reported in'} on day ${delay}`);
    if (late(i)) {
      expected.lateReportIn += 1;
      notes.push('LATE');
    }

    // Weekly check-ins; a warning for the second missed one, an education session every four weeks.
    const weeks = rnd.int(6, 10);
    const misses = tooManyMissed(i) ? missedLimit + rnd.int(1, 2) : rnd.int(0, Math.min(missedLimit, 2));
    const missedWeeks = new Set<number>();
    while (missedWeeks.size < Math.min(misses, weeks)) missedWeeks.add(rnd.int(1, weeks));
    let missedSoFar = 0;
    let warnings = 0;
    for (let w = 1; w <= weeks; w++) {
      const on = addDays(enrolledOn, 7 * w);
      if (missedWeeks.has(w)) {
        emit(personCheckInMissed, personId, district, on, facts(on));
        missedSoFar += 1;
        if (missedSoFar === 2) {
          emit(personWarned, personId, district, addDays(on, 1), { ...facts(addDays(on, 1)), reason: 'MISSED_CHECK_IN' });
          warnings += 1;
        }
      } else {
        emit(personCheckedIn, personId, district, on, facts(on));
      }
      if (w % 4 === 0) emit(personEducated, personId, district, addDays(on, 2), { ...facts(addDays(on, 2)), kind: w % 8 === 0 ? 'ASSISTANCE' : 'EDUCATION' });
    }
    notes.push(`${weeks - missedWeeks.size} check-ins, ${missedWeeks.size} missed, ${warnings} warning(s)`);
    if (missedWeeks.size > missedLimit) {
      expected.missedCheckIns += 1;
      notes.push('TOO MANY MISSED');
    }

    // Release (解矫), announced except for the first one.
    if (released(i)) {
      const on = addDays(enrolledOn, 7 * weeks + rnd.int(3, 10));
      const announced = i !== unannounced;
      emit(personReleased, personId, district, on, { ...facts(on), announced });
      notes.push(`released ${on}${announced ? '' : ' WITHOUT ANNOUNCEMENT'}`);
      if (!announced) expected.releaseNotAnnounced += 1;
    }
    console.log(`  ${personId} ${district}: ${notes.join('; ')}`);
  }

  const referrals = Number(values.referrals);
  const topics: [ClueCategory, string][] = [
    ['PUBLIC_INTEREST_ECOLOGY', '河道沿岸企业疑似偷排污水'],
    ['PUBLIC_INTEREST_WORK_SAFETY', '建筑工地脚手架未设防护网'],
    ['PUBLIC_INTEREST_FOOD_DRUG', '学校周边无证食品摊点'],
  ];
  for (let i = 0; i < referrals; i++) {
    const district = DISTRICTS[(i * 5) % DISTRICTS.length]!.code;
    const referralId = `GC-${seed}-${i + 1}`;
    const [category, title] = topics[i % topics.length]!;
    const on = addDays('2026-11-20', i);
    emit(gridCentreReferralSubmitted, referralId, district, on, {
      referralId,
      centreCode: `${district}-ZZZX`,
      districtCode: district,
      gridCode: `${district}-001-001-01`,
      category,
      title,
      description: `${title}：网格员巡查发现，综治中心核实后移送检察机关。`,
      location: null,
      referredAt: `${on}T10:00:00+08:00`,
    });
    console.log(`  grid-centre referral ${referralId} ${district}: ${title}`);
  }

  // Stands in for both partners: on a secure broker it runs with KAFKA_SASL_* (tools/up.sh passes the admin's).
  const security = kafkaSecurityFromEnv();
  const connection = createKafka({ clientId: 'corrections-traffic', brokers, namespace: values.namespace, ...security });
  await ensureTopics(
    connection,
    allEvents.filter((e) => e.topic === CORRECTIONS_TOPIC || e.topic === gridCentreReferralSubmitted.topic),
  );
  const producer = new Kafka({ clientId: 'corrections-traffic', brokers: brokers.split(','), logLevel: logLevel.WARN, ...security }).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    // One send per topic keeps each key's messages in the order they were made.
    for (const [topic, messages] of byTopic) await producer.send({ topic: physicalTopic(connection, topic), acks: -1, messages });
  } finally {
    await producer.disconnect();
  }

  for (const [type, n] of [...counts].sort()) console.log(`sent ${String(n).padStart(4)} × ${type}`);
  const breaks = expected.lateReportIn + expected.missedCheckIns + expected.releaseNotAnnounced;
  console.log(
    `expect ${breaks} supervision clue(s): ${expected.lateReportIn} late reporting-in, ${expected.missedCheckIns} too many missed check-ins, ` +
      `${expected.releaseNotAnnounced} release(s) without announcement; and ${referrals} grid-centre referral clue(s)`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
