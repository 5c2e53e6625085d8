import { randomUUID } from 'node:crypto';
import { buildEnvelope, gridCentreReferralSubmitted, petitionReferralMade, type GridCentreReferralData } from '@pgov/contracts';
import { processMessage, silentLogger, type IncomingMessage } from '@pgov/messaging';
import { testDatabaseUrl, truncateTables } from '@pgov/testing';
import { readConfig } from '../src/config';
import { inboundHandlers } from '../src/events/inbound.handlers';
import { createDb, type CluesDb } from '../src/persistence/prisma';

// Integration on the real clues database: the inbound referral handlers through the library's
// per-message function, as the consumer runs them (processed-event record + handler in one transaction).
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

const message = (topic: string, key: string, envelope: unknown): IncomingMessage => ({ topic, partition: 0, offset: '0', key, value: JSON.stringify(envelope) });

function petitionReferral(referralId: string = randomUUID()): IncomingMessage {
  const envelope = buildEnvelope(
    petitionReferralMade,
    {
      subject: referralId,
      district: '610112',
      data: {
        referralId,
        petitionId: randomUUID(),
        districtCode: '610112',
        clueCategory: 'ADMINISTRATIVE',
        title: '征收补偿程序争议',
        description: '来信反映房屋征收补偿程序违法，申请检察监督。',
        referredBy: 'clerk-610112',
        referredAt: NOW.toISOString(),
      },
    },
    { source: 'petitions' },
  );
  return message(petitionReferralMade.topic, referralId, envelope);
}

function gridCentreReferral(overrides: Partial<GridCentreReferralData> = {}): IncomingMessage {
  const data: GridCentreReferralData = {
    referralId: `YT-${randomUUID().slice(0, 8)}`,
    centreCode: 'YT-ZZZX',
    districtCode: '610113',
    gridCode: '610113-002-003-01',
    category: 'PUBLIC_INTEREST_ECOLOGY',
    title: '小区旁河道发黑发臭',
    description: '群众反映河道长期发黑发臭，疑有企业偷排。',
    location: '雁塔区某小区东侧',
    referredAt: NOW.toISOString(),
    ...overrides,
  };
  // A partner's message: whatever district it claims travels in the envelope as sent.
  const envelope = buildEnvelope(gridCentreReferralSubmitted, { subject: data.referralId, district: data.districtCode, data }, { source: 'gridcentre' });
  return message(gridCentreReferralSubmitted.topic, data.referralId, envelope);
}

const referralIdOf = (m: IncomingMessage) => (JSON.parse(String(m.value)) as { data: { referralId: string } }).data.referralId;
const cluesOf = (originRef: string) => db.clue.findMany({ where: { originRef }, include: { transitions: true } });

beforeAll(async () => {
  await truncateTables(DB);
  db = createDb(DB);
});

afterAll(async () => {
  await db?.$disconnect();
});

describe('petition referrals (信访转线索)', () => {
  it('become one SUBMITTED clue with source PETITION and no informant, announced through the outbox', async () => {
    const m = petitionReferral();
    expect(await processMessage(context(), m)).toMatchObject({ status: 'applied' });
    const [clue, ...more] = await cluesOf(`petition-referral:${referralIdOf(m)}`);
    expect(more).toEqual([]);
    expect(clue).toMatchObject({
      source: 'PETITION',
      category: 'ADMINISTRATIVE',
      status: 'SUBMITTED',
      districtCode: '610112',
      reporterMemberId: null,
      submittedBy: 'event:petitions',
      submittedAt: NOW,
    });
    expect(clue!.number).toMatch(/^610112-2026-\d{6}$/);
    expect(clue!.transitions.map((t) => [t.from, t.to])).toEqual([[null, 'SUBMITTED']]);
    const outbox = await db.outboxEvent.findMany({ where: { key: clue!.id } });
    expect(outbox.map((o) => o.type)).toEqual(['clues.clue.submitted']);
  });

  it('make one clue however often they come: the same event again, another event about the same referral, both at once', async () => {
    const m = petitionReferral();
    const referralId = referralIdOf(m);
    await processMessage(context(), m);
    expect(await processMessage(context(), m)).toMatchObject({ status: 'duplicate' });
    expect(await processMessage(context(), petitionReferral(referralId))).toMatchObject({ status: 'applied' });
    expect(await cluesOf(`petition-referral:${referralId}`)).toHaveLength(1);

    const racing = randomUUID();
    const outcomes = await Promise.all([processMessage(context(), petitionReferral(racing)), processMessage(context(), petitionReferral(racing))]);
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    const [clue, ...more] = await cluesOf(`petition-referral:${racing}`);
    expect(more).toEqual([]);
    expect(await db.outboxEvent.count({ where: { key: clue!.id } })).toBe(1);
  });
});

describe('grid-centre referrals (综治中心移送, a partner topic)', () => {
  it('become a GRID_CENTRE_REFERRAL clue of the grid, submitted by the centre', async () => {
    const m = gridCentreReferral();
    expect(await processMessage(context(), m)).toMatchObject({ status: 'applied' });
    expect(await processMessage(context(), gridCentreReferral({ referralId: referralIdOf(m) }))).toMatchObject({ status: 'applied' });
    const clues = await cluesOf(`grid-centre:${referralIdOf(m)}`);
    expect(clues).toHaveLength(1);
    expect(clues[0]).toMatchObject({
      source: 'GRID_CENTRE_REFERRAL',
      category: 'PUBLIC_INTEREST_ECOLOGY',
      districtCode: '610113',
      gridCode: '610113-002-003-01',
      location: '雁塔区某小区东侧',
      reporterMemberId: null,
      submittedBy: 'partner:YT-ZZZX',
    });
  });

  it('dead-letters a district outside the city or a grid of another district with the reason, writes nothing, and goes on', async () => {
    const before = await db.clue.count();
    const outside = gridCentreReferral({ districtCode: '610199', gridCode: null });
    expect(await processMessage(context(), outside)).toMatchObject({ status: 'dead-lettered' });
    expect(deadLetters.at(-1)).toContain(`grid-centre referral ${referralIdOf(outside)} from YT-ZZZX: district 610199 is not one of the 13 districts of the city`);
    const foreignGrid = gridCentreReferral({ gridCode: '610102-001-001-01' });
    expect(await processMessage(context(), foreignGrid)).toMatchObject({ status: 'dead-lettered' });
    expect(deadLetters.at(-1)).toContain('grid 610102-001-001-01 is not a grid of district 610113');
    const notAnEnvelope: IncomingMessage = { topic: gridCentreReferralSubmitted.topic, partition: 0, offset: '9', key: 'x', value: '{"referral": 1' };
    expect(await processMessage(context(), notAnEnvelope)).toMatchObject({ status: 'dead-lettered' });

    expect(await db.clue.count()).toBe(before);
    expect(await db.processedEvent.count({ where: { eventId: JSON.parse(String(outside.value)).id } })).toBe(0);
    // The next good referral is processed as usual.
    const next = gridCentreReferral();
    expect(await processMessage(context(), next)).toMatchObject({ status: 'applied' });
    expect(await cluesOf(`grid-centre:${referralIdOf(next)}`)).toHaveLength(1);
  });
});
