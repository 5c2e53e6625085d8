import { defineEvent, dlqTopicOf, EventDefinitionError, type EventSpec } from './define-event';
import { allEvents, eventByType, eventsByTopic, registryProblems } from './registry';
import { clueSubmitted } from './events/clues/clue-submitted.event';
import { pointsCredited } from './events/grids/points-credited.event';
import { petitionReceived } from './events/petitions/petition-received.event';

interface Thing {
  thingId: string;
  tags: { name: string }[];
}

const spec = (over: Partial<EventSpec<Thing, string>> = {}): EventSpec<Thing, string> => ({
  type: 'things.thing.made',
  version: 1,
  topic: 'things.thing.v1',
  aggregate: 'thing',
  partnerReadable: true,
  description: 'A thing was made.',
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['thingId', 'tags'],
    properties: {
      thingId: { type: 'string' },
      tags: {
        type: 'array',
        items: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: { type: 'string' } } },
      },
    },
  },
  ...over,
});

describe('defineEvent', () => {
  it('derives service, DLQ topic and the envelope schema', () => {
    const def = defineEvent(spec());
    expect(def).toMatchObject({ service: 'things', dlqTopic: 'things.thing.v1.dlq', aggregate: 'thing' });
    expect(def.envelopeSchema).toMatchObject({ additionalProperties: false, properties: { type: { const: 'things.thing.made' } } });
    expect(Object.isFrozen(def)).toBe(true);
    expect(dlqTopicOf('a.b.v2')).toBe('a.b.v2.dlq');
  });

  it.each([
    [{ type: 'ThingMade' }, 'type must look like'],
    [{ version: 0 }, 'version must be a positive integer'],
    [{ topic: 'things-v1' }, 'must look like <service>.<aggregate>.v<major>'],
    [{ topic: 'other.thing.v1' }, 'must be things.thing.v<major>'],
    [{ aggregate: 'widget' }, 'must be things.widget.v<major>'],
    [{ description: ' ' }, 'description is required'],
  ])('rejects %p', (over, message) => {
    expect(() => defineEvent(spec(over))).toThrow(EventDefinitionError);
    expect(() => defineEvent(spec(over))).toThrow(message);
  });

  it('requires additionalProperties: false on every object, nested ones too', () => {
    const open = spec();
    const schema = JSON.parse(JSON.stringify(open.dataSchema));
    delete schema.properties.tags.items.additionalProperties;
    expect(() => defineEvent({ ...open, dataSchema: schema })).toThrow(
      '/properties/tags/items must set additionalProperties: false',
    );
  });
});

describe('registry', () => {
  it('holds the platform events, on their topics', () => {
    expect(allEvents).toEqual(expect.arrayContaining([clueSubmitted, pointsCredited, petitionReceived]));
    expect(petitionReceived).toMatchObject({ topic: 'petitions.petition.v1', partnerReadable: true });
    expect(clueSubmitted).toMatchObject({ topic: 'clues.clue.v1', dlqTopic: 'clues.clue.v1.dlq', partnerReadable: false });
    expect(pointsCredited).toMatchObject({ topic: 'grids.member.v1', partnerReadable: false });
    const clueEvents = eventsByTopic('clues.clue.v1');
    expect(clueEvents).toContain(clueSubmitted);
    expect(clueEvents.every((e) => e.topic === 'clues.clue.v1' && !e.partnerReadable)).toBe(true);
    expect(eventsByTopic('nope.nope.v1')).toEqual([]);
    expect(eventByType('grids.points.credited')).toBe(pointsCredited);
    expect(eventByType('clues.clue.submitted', 1)).toBe(clueSubmitted);
    expect(eventByType('clues.clue.submitted', 2)).toBeUndefined();
  });

  it('picks the highest version when none is asked for', () => {
    const v2 = defineEvent({ ...spec(), version: 2, topic: 'things.thing.v2' });
    const v1 = defineEvent(spec());
    expect(eventByType('things.thing.made', undefined, [v1, v2])).toBe(v2);
  });

  it('finds duplicates and topics that mix partner-readable and internal events', () => {
    const readable = defineEvent(spec());
    const internal = defineEvent({ ...spec(), type: 'things.thing.hidden', partnerReadable: false });
    expect(registryProblems([readable, readable, internal])).toEqual([
      'things.thing.made v1 is defined twice',
      'topic things.thing.v1 mixes partner-readable and internal events (things.thing.hidden)',
    ]);
    expect(registryProblems(allEvents)).toEqual([]);
  });
});
