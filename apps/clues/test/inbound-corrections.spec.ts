import {
  buildEnvelope,
  personCheckedIn,
  personCheckInMissed,
  personEducated,
  personEnrolled,
  personReleased,
  personReportedIn,
  personWarned,
  type CorrectionsPersonFacts,
  type DataOf,
  type EventDefinition,
} from '@pgov/contracts';
import { processMessage, silentLogger, type IncomingMessage } from '@pgov/messaging';
import { testDatabaseUrl, truncateTables } from '@pgov/testing';
import { readConfig } from '../src/config';
import { inboundHandlers } from '../src/events/inbound.handlers';
import { createDb, type CluesDb } from '../src/persistence/prisma';

// Integration on the real clues database: the justice bureau's corrections.person.* events through
// the library's per-message function, as the consumer runs them. Limits: the defaults (10 days, 3 missed).
const DB = testDatabaseUrl('clues');
const NOW = new Date('2026-11-26T02:00:00Z');
let db: CluesDb;
const deadLetters: string[] = [];

const context = () => ({
  consumer: 'clues',
  db,
  logger: silentLogger,
  retryDelayMs: 1,
  handlers: inboundHandlers({ db, config: readConfig({ DATABASE_URL: DB, KAFKA_BROKERS: '127.0.0.1:9092', AUTH_PUBLIC_KEY_FILE: 'unused.pem' }), clock: () => NOW }),
  deadLetter: async (_: IncomingMessage, reason: string) => {
    deadLetters.push(reason);
  },
});

let persons = 0;
/** A fresh person id of the bureau's kind, e.g. SXJZ-2026-0007. */
const newPerson = () => `SXJZ-2026-${String(++persons).padStart(4, '0')}`;

/** One event about `personId` as the bureau sends it: keyed by person on corrections.person.v1. */
function event<D extends EventDefinition<CorrectionsPersonFacts, string>>(definition: D, data: DataOf<D>): IncomingMessage {
  const envelope = buildEnvelope(definition, { subject: data.personId, district: data.districtCode, data }, { source: 'corrections' });
  return { topic: definition.topic, partition: 0, offset: '0', key: data.personId, value: JSON.stringify(envelope) };
}

const facts = (personId: string, occurredOn: string, districtCode = '610113') => ({ personId, districtCode, occurredOn });
const enrolled = (personId: string, occurredOn: string, judgmentEffectiveOn: string) => event(personEnrolled, { ...facts(personId, occurredOn), judgmentEffectiveOn });
const missed = (personId: string, occurredOn: string) => event(personCheckInMissed, facts(personId, occurredOn));

async function apply(...messages: IncomingMessage[]) {
  for (const m of messages) expect(await processMessage(context(), m)).toMatchObject({ status: 'applied' });
}

const supervisionClues = (personId: string) =>
  db.clue.findMany({ where: { originRef: { startsWith: `corrections:${personId}:` } }, orderBy: { submittedAt: 'asc' } });
const recordOf = (personId: string) => db.supervisionEvent.findMany({ where: { personId }, orderBy: [{ occurredOn: 'asc' }, { id: 'asc' }] });

beforeAll(async () => {
  await truncateTables(DB);
  db = createDb(DB);
});

afterAll(async () => {
  await db?.$disconnect();
});

describe('reporting in late (报到超期)', () => {
  it('raises exactly one supervision clue for an enrolment 11 days after the judgment, however often it is told', async () => {
    const person = newPerson();
    const late = enrolled(person, '2026-11-12', '2026-11-01');
    await apply(late);
    expect(await processMessage(context(), late)).toMatchObject({ status: 'duplicate' });
    // Other events about the same lateness: the enrolment sent again under a new id, the reporting-in recorded afterwards.
    await apply(enrolled(person, '2026-11-12', '2026-11-01'), event(personReportedIn, facts(person, '2026-11-12')));

    const clues = await supervisionClues(person);
    expect(clues).toHaveLength(1);
    expect(clues[0]).toMatchObject({
      originRef: `corrections:${person}:late-report-in`,
      title: `社区矫正对象 ${person} 报到超期（判决生效后第 11 日报到）`,
      source: 'COMMUNITY_CORRECTIONS',
      category: 'COMMUNITY_CORRECTIONS',
      status: 'SUBMITTED',
      districtCode: '610113',
      reporterMemberId: null,
      submittedBy: 'corrections',
    });
    expect(clues[0]!.description).toContain('判决于 2026-11-01 生效');
    expect(await db.outboxEvent.findMany({ where: { key: clues[0]!.id }, select: { type: true } })).toEqual([{ type: 'clues.clue.submitted' }]);

    const record = await recordOf(person);
    expect(record.map((e) => [e.type, e.clueId])).toEqual([
      ['enrolled', clues[0]!.id],
      ['enrolled', null],
      ['reported-in', null],
    ]);
    expect(await db.supervisedPerson.findUnique({ where: { personId: person } })).toMatchObject({
      districtCode: '610113',
      judgmentEffectiveOn: new Date('2026-11-01'),
      enrolledOn: new Date('2026-11-12'),
      reportedInOn: new Date('2026-11-12'),
    });
  });

  it('raises nothing for reporting in on day 10', async () => {
    const person = newPerson();
    await apply(enrolled(person, '2026-11-11', '2026-11-01'));
    expect(await supervisionClues(person)).toEqual([]);
  });

  it('judges a reporting-in heard of before the enrolment once the judgment date arrives', async () => {
    const person = newPerson();
    await apply(event(personReportedIn, facts(person, '2026-11-20')));
    expect(await db.supervisedPerson.findUnique({ where: { personId: person } })).toMatchObject({ judgmentEffectiveOn: null, reportedInOn: new Date('2026-11-20') });
    expect(await supervisionClues(person)).toEqual([]);
    await apply(enrolled(person, '2026-11-21', '2026-11-05'));
    expect((await supervisionClues(person)).map((c) => c.title)).toEqual([`社区矫正对象 ${person} 报到超期（判决生效后第 15 日报到）`]);
  });
});

describe('missed check-ins and releases', () => {
  it('raises one clue when missed check-ins go beyond the limit, and no second one after more', async () => {
    const person = newPerson();
    await apply(enrolled(person, '2026-11-03', '2026-11-01'), missed(person, '2026-11-10'), missed(person, '2026-11-17'), missed(person, '2026-11-24'));
    expect(await supervisionClues(person)).toEqual([]);
    await apply(missed(person, '2026-12-01'), missed(person, '2026-12-08'));
    const clues = await supervisionClues(person);
    expect(clues.map((c) => c.originRef)).toEqual([`corrections:${person}:missed-check-ins`]);
    expect((await recordOf(person)).filter((e) => e.clueId !== null).map((e) => e.occurredOn)).toEqual([new Date('2026-12-01')]);
    expect(await db.supervisedPerson.findUnique({ where: { personId: person } })).toMatchObject({ missedCheckIns: 5 });
  });

  it('raises one clue for a release without announcement, none for an announced one', async () => {
    const announced = newPerson();
    const silent = newPerson();
    await apply(event(personReleased, { ...facts(announced, '2027-05-01'), announced: true }), event(personReleased, { ...facts(silent, '2027-05-01'), announced: false }));
    expect(await supervisionClues(announced)).toEqual([]);
    expect((await supervisionClues(silent)).map((c) => c.title)).toEqual([`社区矫正对象 ${silent} 解矫未宣告（2027-05-01 解矫）`]);
    expect(await db.supervisedPerson.findUnique({ where: { personId: silent } })).toMatchObject({ releasedOn: new Date('2027-05-01'), releaseAnnounced: false });
  });
});

describe('the supervision record', () => {
  it('lists every event about the person, oldest first, with the counters kept', async () => {
    const person = newPerson();
    await apply(
      enrolled(person, '2026-11-04', '2026-11-01'),
      event(personCheckedIn, facts(person, '2026-11-11')),
      missed(person, '2026-11-18'),
      event(personWarned, { ...facts(person, '2026-11-19'), reason: 'MISSED_CHECK_IN' }),
      event(personEducated, { ...facts(person, '2026-11-20'), kind: 'EDUCATION' }),
      event(personReleased, { ...facts(person, '2027-05-04'), announced: true }),
    );
    const record = await recordOf(person);
    expect(record.map((e) => e.type)).toEqual(['enrolled', 'checked-in', 'check-in-missed', 'warned', 'educated', 'released']);
    expect(record.map((e) => e.detail)).toEqual([{ judgmentEffectiveOn: '2026-11-01' }, null, null, { reason: 'MISSED_CHECK_IN' }, { kind: 'EDUCATION' }, { announced: true }]);
    expect(await db.supervisedPerson.findUnique({ where: { personId: person } })).toMatchObject({
      checkIns: 1,
      missedCheckIns: 1,
      warnings: 1,
      educationSessions: 1,
      releasedOn: new Date('2027-05-04'),
      releaseAnnounced: true,
    });
    expect(await supervisionClues(person)).toEqual([]);
  });

  it('changes nothing when an event already in the record comes again without its processed-event record (a replay)', async () => {
    const person = newPerson();
    const m = missed(person, '2026-11-18');
    await apply(m);
    expect(await processMessage({ ...context(), consumer: 'clues-replay' }, m)).toMatchObject({ status: 'applied' });
    expect(await recordOf(person)).toHaveLength(1);
    expect(await db.supervisedPerson.findUnique({ where: { personId: person } })).toMatchObject({ missedCheckIns: 1 });
  });

  it('dead-letters an event about a person outside the city with the reason, and goes on', async () => {
    const person = newPerson();
    const outside = event(personCheckedIn, facts(person, '2026-11-11', '610199'));
    expect(await processMessage(context(), outside)).toMatchObject({ status: 'dead-lettered' });
    expect(deadLetters.at(-1)).toContain(`about ${person}: district 610199 is not one of the 13 districts of the city`);
    expect(await db.supervisedPerson.findUnique({ where: { personId: person } })).toBeNull();
    await apply(event(personCheckedIn, facts(person, '2026-11-11')));
    expect(await recordOf(person)).toHaveLength(1);
  });
});

// Every inbound definition has its handler (service.ts subscribes to what these name).
it('handles the nine inbound event types', () => {
  expect(context().handlers.map((h) => h.event.type).sort()).toEqual(
    [
      'corrections.person.check-in-missed',
      'corrections.person.checked-in',
      'corrections.person.educated',
      'corrections.person.enrolled',
      'corrections.person.released',
      'corrections.person.reported-in',
      'corrections.person.warned',
      'gridcentre.referral.submitted',
      'petitions.referral.made',
    ],
  );
});
