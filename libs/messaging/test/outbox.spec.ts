import { EventContractError } from '@pgov/contracts';
import { deletePublishedEvents, enqueueEvent } from '../src';
import { createTestDatabase, type TestDatabase } from './support/database';
import { clueEnvelope, clueEventOnOwnTopic } from './support/events';
import { suffix } from './support/kafka';

describe('enqueueEvent (real PostgreSQL)', () => {
  let t: TestDatabase;
  const event = clueEventOnOwnTopic(suffix());

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes the outbox row in the caller transaction: committed with it', async () => {
    const envelope = clueEnvelope(event);
    await t.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('INSERT INTO handled_event (consumer, event_id, subject) VALUES ($1, $2, $3)', 'state', envelope.id, 'x');
      await enqueueEvent(tx, event, envelope);
    });
    const { rows } = await t.pool.query('SELECT id::text, topic, key, type, envelope, published_at FROM outbox_event WHERE id = $1', [envelope.id]);
    expect(rows).toEqual([
      { id: envelope.id, topic: event.topic, key: envelope.subject, type: 'clues.clue.submitted', envelope, published_at: null },
    ]);
  });

  it('leaves no outbox row (and no state) when the transaction rolls back', async () => {
    const envelope = clueEnvelope(event);
    await expect(
      t.db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe('INSERT INTO handled_event (consumer, event_id, subject) VALUES ($1, $2, $3)', 'state', envelope.id, 'y');
        await enqueueEvent(tx, event, envelope);
        throw new Error('business rule failed after the event was enqueued');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await t.count('outbox_event WHERE id = $1', envelope.id)).toBe(0);
    expect(await t.count('handled_event WHERE event_id = $1', envelope.id)).toBe(0);
  });

  it('refuses an envelope that breaks the contract, writing nothing', async () => {
    const envelope = { ...clueEnvelope(event), unexpected: true };
    await expect(t.db.$transaction((tx) => enqueueEvent(tx, event, envelope))).rejects.toThrow(EventContractError);
    await expect(t.db.$transaction((tx) => enqueueEvent(tx, event, envelope))).rejects.toThrow('(root): unknown property "unexpected"');
    expect(await t.count('outbox_event WHERE id = $1', envelope.id)).toBe(0);
  });

  it('refuses the same event id twice', async () => {
    const envelope = clueEnvelope(event);
    await t.db.$transaction((tx) => enqueueEvent(tx, event, envelope));
    await expect(t.db.$transaction((tx) => enqueueEvent(tx, event, envelope))).rejects.toThrow(/outbox_event_id_key/);
  });

  it('prunes published rows older than a date', async () => {
    const envelope = clueEnvelope(event);
    await t.db.$transaction((tx) => enqueueEvent(tx, event, envelope));
    await t.pool.query(`UPDATE outbox_event SET published_at = now() - interval '8 days' WHERE id = $1`, [envelope.id]);
    const deleted = await deletePublishedEvents(t.db, new Date(Date.now() - 7 * 86_400_000));
    expect(deleted).toBe(1);
    expect(await t.count('outbox_event WHERE published_at IS NULL')).toBeGreaterThan(0);
  });
});
