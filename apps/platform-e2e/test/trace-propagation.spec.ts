import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '@pgov/auth';
import { clueSubmitted } from '@pgov/contracts';
import { deleteNamespace, identityOf, testDatabaseUrl, testNamespace, waitFor, withPg } from '@pgov/testing';
import { startPlatform, type Platform } from './platform';

// One trace from the client to every consumer: a submitClue through the gateway with the client's
// traceparent; the five processes export their spans over OTLP/HTTP (JSON) to a receiver in this
// test, on loopback. The gateway's span, the clues subgraph's, the outbox row's envelope, the Kafka
// header and the indicators consumer's span must all carry the client's trace id.

interface ReceivedSpan { traceId: string; spanId: string; parentSpanId?: string; name: string; service: string }

/** A minimal OTLP/HTTP JSON trace receiver: POST /v1/traces, spans kept in memory. */
async function otlpReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: Omit<ReceivedSpan, 'service'>[] }[] }[];
      };
      for (const rs of body.resourceSpans ?? []) {
        const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
        for (const ss of rs.scopeSpans) for (const s of ss.spans) spans.push({ traceId: s.traceId, spanId: s.spanId, ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}), name: s.name, service });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, spans, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const namespace = testNamespace();
let platform: Platform;
let receiver: Awaited<ReturnType<typeof otlpReceiver>>;

beforeAll(async () => {
  receiver = await otlpReceiver();
  platform = await startPlatform(namespace, { common: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100' } });
}, 120_000);

afterAll(async () => {
  await platform?.stopAll();
  await receiver?.close();
  await deleteNamespace(namespace);
});

it('keeps the client trace id from the gateway through clues, the outbox and Kafka to the indicators consumer', async () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const worker = identityOf(Role.GRID_WORKER, '610113');
  const response = await fetch(platform.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await platform.keys.token(worker)}`, traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    body: JSON.stringify({
      query: 'mutation($input: SubmitClueInput!) { submitClue(input: $input) { id } }',
      variables: { input: { title: '河道夜间排污', description: '某工厂夜间向河道排放污水', category: 'PUBLIC_INTEREST_ECOLOGY', gridCode: '610113-001-001-01' } },
    }),
  });
  const answer = (await response.json()) as { data?: { submitClue: { id: string } }; errors?: unknown };
  expect(answer.errors).toBeUndefined();
  const clueId = answer.data!.submitClue.id;

  // The outbox row's envelope (clues database).
  const envelope = await withPg(testDatabaseUrl('clues'), async (c) => (await c.query(`SELECT envelope FROM outbox_event WHERE key = $1`, [clueId])).rows[0].envelope as { traceparent?: string });
  expect(envelope.traceparent?.split('-')[1]).toBe(traceId);

  // The Kafka message's traceparent header (the relay sets it from the envelope).
  const consumer = platform.kafka.consumer({ groupId: `${namespace}trace-reader` });
  const headers: Record<string, string> = {};
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: namespace + clueSubmitted.topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() === clueId) headers['traceparent'] = String(message.headers?.['traceparent'] ?? '');
      },
    });
    await waitFor(async () => headers['traceparent'] || false, { what: 'the clue event on Kafka' });
  } finally {
    await consumer.disconnect();
  }
  expect(headers['traceparent']?.split('-')[1]).toBe(traceId);

  // Spans of the gateway, the clues subgraph and the indicators consumer, all in the client's trace.
  const inTrace = (service: string, name: string) => receiver.spans.find((s) => s.service === service && s.name === name && s.traceId === traceId);
  const expected: [string, string][] = [
    ['gateway', 'gateway POST /graphql'],
    ['gateway', 'gateway → clues'],
    ['clues', 'clues POST /graphql'],
    ['indicators', 'process clues.clue.submitted'],
  ];
  await waitFor(async () => expected.every(([service, name]) => inTrace(service, name)) || false, {
    what: `spans ${JSON.stringify(expected)} in trace ${traceId} (got ${JSON.stringify(receiver.spans.map((s) => [s.service, s.name, s.traceId]))})`,
  });
  // The gateway's span continues the client's span; the clues span is a child of the gateway's call to it.
  expect(inTrace('gateway', 'gateway POST /graphql')!.parentSpanId).toBe('00f067aa0ba902b7');
  expect(inTrace('clues', 'clues POST /graphql')!.parentSpanId).toBe(inTrace('gateway', 'gateway → clues')!.spanId);
  // Nothing in any other trace for this request: every span of the flow shares the one trace id.
  expect(receiver.spans.filter((s) => s.name.includes('clues.clue.submitted')).every((s) => s.traceId === traceId)).toBe(true);
});
