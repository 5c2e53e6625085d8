import { defineEvent } from '@pgov/contracts';
import { ensureTopics } from '../src';
import { suffix, testKafka, withAdmin } from './support/kafka';

// Services start side by side and ensure overlapping topics at the same moment (real broker).
describe('ensureTopics', () => {
  it('succeeds for every process when several create overlapping topics at once, leaving each topic with leaders', async () => {
    const namespace = `t${suffix()}.`;
    const events = ['a', 'b', 'c'].map((name) =>
      defineEvent<{ n: number }>({
        type: `svc${name}.thing.happened`,
        version: 1,
        topic: `svc${name}.thing.v1`,
        aggregate: 'thing',
        partnerReadable: false,
        description: 'test event',
        dataSchema: { type: 'object', additionalProperties: false, required: ['n'], properties: { n: { type: 'integer' } } },
      }),
    );
    const connections = Array.from({ length: 4 }, () => testKafka({ namespace }));
    try {
      // Each "service" wants two of the three topics; every pair overlaps with another.
      const created = await Promise.all(connections.map((kafka, i) => ensureTopics(kafka, [events[i % 3]!, events[(i + 1) % 3]!])));
      const all = created.flat();
      expect(new Set(all).size).toBeLessThanOrEqual(6);
      await withAdmin(async (admin) => {
        const physical = events.flatMap((e) => [namespace + e.topic, namespace + e.dlqTopic]);
        const { topics } = await admin.fetchTopicMetadata({ topics: physical });
        expect(topics.map((t) => t.name).sort()).toEqual([...physical].sort());
        expect(topics.every((t) => t.partitions.length === 3 && t.partitions.every((p) => p.leader >= 0))).toBe(true);
      });
      // A second call finds everything in place and creates nothing.
      expect(await ensureTopics(connections[0]!, events)).toEqual([]);
    } finally {
      await withAdmin(async (admin) => {
        const mine = (await admin.listTopics()).filter((t) => t.startsWith(namespace));
        if (mine.length > 0) await admin.deleteTopics({ topics: mine });
      });
    }
  });
});
