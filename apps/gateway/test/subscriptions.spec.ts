/**
 * Live updates through /graphql, end to end on the real broker: events produced on the namespaced
 * topics reach subscribers through the gateway's own consumer group, each event's entity fetched
 * through the gateway with the subscriber's token from tiny subgraphs that apply the real rules'
 * shape. Clients: graphql-ws's (over `ws`), Apollo Client's HttpLink (multipart), graphql-sse's.
 */
import { randomUUID } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client/core';
import {
  buildEnvelope,
  clueAccepted,
  clueSubmitted,
  indicatorAlertRaised,
  petitionDeadlineApproaching,
  petitionDeadlineMissed,
  petitionReplied,
  recommendationOverdue,
  type AnyEventDefinition,
  type EnvelopeContent,
  type DataOf,
} from '@pgov/contracts';
import { Role, createTokenVerifier, generateDevKeyPair, mintToken, type DevKeyPair, type Identity } from '@pgov/auth';
import { createKafka, ensureTopics, physicalTopic, type KafkaConnection } from '@pgov/messaging';
import { deleteNamespace, kafkaBrokers, kafkaSecurityTestEnv, kafkaTestSecurity, testNamespace, waitFor } from '@pgov/testing';
import type { FormattedExecutionResult as ExecutionResult } from 'graphql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';
import WebSocket from 'ws';
import { loadGatewayConfig, type GatewayConfig } from '../src/config';
import { createGateway, type Gateway } from '../src/gateway';
import { createLogger } from '../src/logger';
import { LIVE_EVENTS } from '../src/subscriptions/live-events';
import { composeForTest } from './support/compose';
import { CLUES_SDL, DESK_SDL, GRIDS_SDL, LiveData, startLiveSubgraphs } from './support/live-subgraphs';
import type { TestSubgraph } from './support/subgraphs';

const YANTA = '610113';
const XINCHENG = '610102';
const procurator: Identity = { subject: 'p-113', name: '雁塔检察官', roles: [Role.PROCURATOR], district: YANTA };
const otherProcurator: Identity = { subject: 'p-102', name: '新城检察官', roles: [Role.PROCURATOR], district: XINCHENG };
const clerk: Identity = { subject: 'c-113', name: '雁塔书记员', roles: [Role.CLERK], district: YANTA };
const gridWorker: Identity = { subject: 'w-113', name: '网格员', roles: [Role.GRID_WORKER], district: YANTA };
const cityAdmin: Identity = { subject: 'a-100', name: '市院管理员', roles: [Role.CITY_ADMIN], district: '610100' };

let keys: DevKeyPair;
let namespace: string;
let kafka: KafkaConnection;
let producer: Producer;
let subgraphs: TestSubgraph[];
let gateway: Gateway;
let wsUrl: string;
const data = new LiveData();
const clients: { dispose(): void | Promise<void> }[] = [];

const token = (identity: Identity, expiresIn: number | string = '1h') => mintToken(keys.privateKey, identity, { expiresIn });

async function publish<D extends AnyEventDefinition>(definition: D, content: EnvelopeContent<DataOf<D>>): Promise<void> {
  const envelope = buildEnvelope(definition, content, { source: definition.service });
  await producer.send({ topic: physicalTopic(kafka, definition.topic), messages: [{ key: content.subject, value: JSON.stringify(envelope) }] });
}

const submitted = (clue: { id: string; number: string; districtCode: string; reporterMemberId: string | null }) =>
  publish(clueSubmitted, {
    subject: clue.id,
    district: clue.districtCode,
    data: { clueId: clue.id, number: clue.number, districtCode: clue.districtCode, gridCode: null, source: 'GRID_REPORT', category: 'CIVIL', reporterMemberId: clue.reporterMemberId, submittedAt: new Date().toISOString() },
  });

/** How many subscriptions the gateway is feeding; a test waits for its own before publishing. */
async function listening(): Promise<number> {
  return (await gateway.readiness()).subscriptions?.subscriptions ?? 0;
}
async function untilListening(count: number): Promise<void> {
  await waitFor(async () => (await listening()) >= count, { timeoutMs: 10_000, what: `${count} subscriptions listening` });
}

function wsClient(authorization?: string, options: { onClosed?: (event: unknown) => void } = {}): WsClient {
  const client = createWsClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: authorization === undefined ? {} : { authorization },
    retryAttempts: 0,
    ...(options.onClosed ? { on: { closed: options.onClosed } } : {}),
  });
  clients.push(client);
  return client;
}

interface Collected {
  results: ExecutionResult[];
  error: unknown;
  completed: boolean;
  stop(): void;
}

function collect(client: WsClient, query: string, variables: Record<string, unknown> = {}): Collected {
  const collected: Collected = {
    results: [],
    error: undefined,
    completed: false,
    stop: () => undefined,
  };
  collected.stop = client.subscribe(
    { query, variables },
    {
      next: (result) => void collected.results.push(result as ExecutionResult),
      error: (error) => void (collected.error = error),
      complete: () => void (collected.completed = true),
    },
  );
  return collected;
}

/** Waits until `count` results came; then, a bounded while, that no further one comes. */
async function received(collected: Collected, count: number, { settleMs = 0 } = {}): Promise<ExecutionResult[]> {
  await waitFor(async () => collected.results.length >= count || collected.error !== undefined, { timeoutMs: 15_000, what: `${count} results` });
  if (collected.error !== undefined && collected.results.length < count) throw new Error(`subscription failed: ${JSON.stringify(collected.error)}`);
  if (settleMs > 0) await new Promise((r) => setTimeout(r, settleMs));
  return collected.results;
}

const CLUE_QUEUE = `subscription Queue($d: ID!) {
  clueQueueChanged(districtCode: $d) { kind clueId districtCode at clue { number title status reporter { name } } }
}`;
const CLUE_IDS = `subscription Ids($d: ID!) { clueQueueChanged(districtCode: $d) { kind clueId } }`;

beforeAll(async () => {
  keys = await generateDevKeyPair();
  namespace = testNamespace();
  kafka = createKafka({ clientId: 'gateway-test', brokers: kafkaBrokers(), namespace, ...kafkaTestSecurity() });
  await ensureTopics(kafka, LIVE_EVENTS, { partitions: 3 });
  producer = new Kafka({ clientId: 'gateway-test', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING, ...kafkaTestSecurity() }).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();

  const verifier = createTokenVerifier({ publicKeyPem: keys.publicKeyPem, issuer: 'pgov-dev-idp', audience: 'pgov-api' });
  const { grids, clues, desk } = await startLiveSubgraphs(verifier, data);
  subgraphs = [grids, clues, desk];
  const supergraphSdl = composeForTest([
    { name: 'grids', url: grids.url, sdl: GRIDS_SDL },
    { name: 'clues', url: clues.url, sdl: CLUES_SDL },
    { name: 'desk', url: desk.url, sdl: DESK_SDL },
  ]);
  const base = loadGatewayConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    AUTH_PUBLIC_KEY_FILE: '/unused',
    KAFKA_BROKERS: kafkaBrokers().join(','),
    KAFKA_NAMESPACE: namespace,
    ...kafkaSecurityTestEnv(),
    SUBSCRIPTIONS_MAX_PER_CONNECTION: '4',
    SUBSCRIPTIONS_MAX_CONNECTIONS_PER_USER: '3',
    SUBSCRIPTIONS_ALLOWED_ORIGINS: 'http://screens.example',
    SUBSCRIPTIONS_HEARTBEAT_MS: '300',
  });
  const config: GatewayConfig = { ...base, subgraphUrls: { grids: grids.url, clues: clues.url, desk: desk.url }, shutdownGraceMs: 2_000 };
  gateway = createGateway(config, { logger: createLogger('gateway', 'silent'), verifier, supergraphSdl });
  await gateway.start();
  wsUrl = gateway.url.replace(/^http/, 'ws');
  await waitFor(async () => (await gateway.readiness()).subscriptions?.liveEvents === true, { timeoutMs: 30_000, what: 'the live consumer to join' });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  if (gateway.state === 'ready') await waitFor(async () => (await listening()) === 0, { timeoutMs: 10_000, what: 'subscriptions to end' });
});

afterAll(async () => {
  await gateway?.stop();
  await producer?.disconnect();
  await Promise.all((subgraphs ?? []).map((s) => s.stop()));
  if (namespace) await deleteNamespace(namespace);
});

describe('subscriptions over WebSocket (graphql-ws)', () => {
  it('delivers a district’s clue event with the clue resolved from the subgraphs, and nothing of it to another district', async () => {
    const member = { id: randomUUID(), name: '李四' };
    data.members.set(member.id, member);
    const mine = data.clue(YANTA, { reporterMemberId: member.id, title: '河道排污' });
    const theirs = data.clue(XINCHENG);

    const yanta = collect(wsClient(`Bearer ${await token(procurator)}`), CLUE_QUEUE, { d: YANTA });
    const xincheng = collect(wsClient(`Bearer ${await token(otherProcurator)}`), CLUE_IDS, { d: XINCHENG });
    await untilListening(2);

    await submitted(mine);
    const [event] = await received(yanta, 1);
    expect(event).toEqual({
      data: {
        clueQueueChanged: {
          kind: 'SUBMITTED',
          clueId: mine.id,
          districtCode: YANTA,
          at: expect.any(String),
          clue: { number: mine.number, title: '河道排污', status: 'SUBMITTED', reporter: { name: '李四' } },
        },
      },
    });

    // A later event of its own district is the marker: once it came, the earlier one would have too.
    await publish(clueAccepted, {
      subject: theirs.id,
      district: XINCHENG,
      data: { clueId: theirs.id, number: theirs.number, districtCode: XINCHENG, gridCode: null, source: 'GRID_REPORT', category: 'CIVIL', reporterMemberId: null, acceptedBy: 'p-102', acceptedAt: new Date().toISOString() },
    });
    const others = await received(xincheng, 1, { settleMs: 500 });
    expect(others).toEqual([{ data: { clueQueueChanged: { kind: 'ACCEPTED', clueId: theirs.id } } }]);
    expect(yanta.results).toHaveLength(1);
  });

  it('filters each event by the same rules as a query: a grid worker hears of their own clues, a clerk of every clue but not its informant', async () => {
    const member = { id: randomUUID(), name: '王五' };
    data.members.set(member.id, member);
    const someoneElses = data.clue(YANTA, { reporterMemberId: randomUUID(), reporterSubject: 'w-other' });
    const own = data.clue(YANTA, { reporterMemberId: member.id, reporterSubject: gridWorker.subject });

    const worker = collect(wsClient(`Bearer ${await token(gridWorker)}`), CLUE_IDS, { d: YANTA });
    const clerkSocket = wsClient(`Bearer ${await token(clerk)}`);
    const clerkWithReporter = collect(clerkSocket, CLUE_QUEUE, { d: YANTA });
    const clerkWithout = collect(clerkSocket, CLUE_IDS, { d: YANTA });
    await untilListening(3);

    await submitted(someoneElses);
    await received(clerkWithout, 1);
    await submitted(own);
    await received(worker, 1);
    await received(clerkWithout, 2, { settleMs: 500 });

    expect(worker.results.map((r) => r.data)).toEqual([{ clueQueueChanged: { kind: 'SUBMITTED', clueId: own.id } }]);
    expect(clerkWithout.results.map((r) => (r.data as { clueQueueChanged: { clueId: string } }).clueQueueChanged.clueId)).toEqual([someoneElses.id, own.id]);
    // As the same query would answer the clerk: the clue, but not who reported it.
    await received(clerkWithReporter, 2);
    for (const result of clerkWithReporter.results) {
      expect((result.data as { clueQueueChanged: { clue: { reporter: unknown } } }).clueQueueChanged.clue.reporter).toBeNull();
      expect((result.errors ?? []).map((e) => [e.extensions?.['code'], e.path])).toEqual([['FORBIDDEN', ['clueQueueChanged', 'clue', 'reporter']]]);
    }
  });

  it('refuses at subscribe time a district user asking for another district (FORBIDDEN)', async () => {
    const sub = collect(wsClient(`Bearer ${await token(procurator)}`), CLUE_IDS, { d: XINCHENG });
    await waitFor(async () => sub.error !== undefined || sub.results.length > 0, { what: 'an answer' });
    const errors = (sub.error ?? sub.results[0]?.errors) as { extensions?: { code?: string } }[];
    expect(errors.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await listening()).toBe(0);
  });

  it('refuses a connection with a bad or missing token (close 4403)', async () => {
    const stranger = await generateDevKeyPair();
    const forged = await mintToken(stranger.privateKey, cityAdmin, { expiresIn: '1h' });
    for (const authorization of [`Bearer ${forged}`, undefined, 'Bearer not.a.jwt']) {
      const sub = collect(wsClient(authorization), CLUE_IDS, { d: YANTA });
      await waitFor(async () => sub.error !== undefined, { what: 'the connection to be refused' });
      expect({ authorization, code: (sub.error as { code?: number }).code }).toEqual({ authorization, code: 4403 });
    }
  });

  it('closes the connection when the token expires (4403)', async () => {
    const closes: { code: number; reason: string }[] = [];
    const client = wsClient(`Bearer ${await token(procurator, 2)}`, { onClosed: (e) => void closes.push(e as { code: number; reason: string }) });
    const sub = collect(client, CLUE_IDS, { d: YANTA });
    await untilListening(1);
    await waitFor(async () => closes.length > 0, { timeoutMs: 8_000, what: 'the socket to close at expiry' });
    expect(closes[0]).toMatchObject({ code: 4403, reason: 'Forbidden: token expired' });
    expect(sub.error).toMatchObject({ code: 4403 });
    await waitFor(async () => (await listening()) === 0, { what: 'the subscription to end' });
  });

  it('limits operations per connection and connections per user', async () => {
    const bearer = `Bearer ${await token(cityAdmin)}`;
    const socket = wsClient(bearer);
    const subs = Array.from({ length: 5 }, () => collect(socket, CLUE_IDS, { d: YANTA }));
    const fifth = subs[4] as Collected;
    await waitFor(async () => fifth.error !== undefined, { what: 'the fifth subscription to be refused' });
    expect((fifth.error as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe('SUBSCRIPTION_LIMIT');
    await untilListening(4);

    const more = [wsClient(bearer), wsClient(bearer)].map((c) => collect(c, CLUE_IDS, { d: XINCHENG }));
    await untilListening(6);
    const fourth = collect(wsClient(bearer), CLUE_IDS, { d: XINCHENG });
    await waitFor(async () => fourth.error !== undefined, { what: 'the fourth connection to be refused' });
    expect(fourth.error).toMatchObject({ code: 4429 });
    expect(more.every((m) => m.error === undefined)).toBe(true);
  });

  it('refuses a WebSocket from an origin that is not allowed', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(wsUrl, 'graphql-transport-ws', { origin: 'http://evil.example' });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => reject(new Error('opened')));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(403);
    const allowed = collect(
      createWsClient({ url: wsUrl, webSocketImpl: class extends WebSocket {
        constructor(url: string, protocols: string) {
          super(url, protocols, { origin: 'http://screens.example' });
        }
      }, connectionParams: { authorization: `Bearer ${await token(procurator)}` }, retryAttempts: 0 }),
      CLUE_IDS,
      { d: YANTA },
    );
    await untilListening(1);
    expect(allowed.error).toBeUndefined();
    allowed.stop();
  });

  it('answers introspection with the API schema and the Subscription type (front-end codegen)', async () => {
    const client = wsClient(`Bearer ${await token(procurator)}`);
    const result = await new Promise<ExecutionResult>((resolve, reject) => {
      client.subscribe({ query: '{ __schema { subscriptionType { fields { name } } } __type(name: "Clue") { fields { name } } }' }, { next: resolve, error: reject, complete: () => undefined });
    });
    const schema = result.data as { __schema: { subscriptionType: { fields: { name: string }[] } }; __type: { fields: { name: string }[] } };
    expect(schema.__schema.subscriptionType.fields.map((f) => f.name).sort()).toEqual(['clueQueueChanged', 'indicatorAlertRaised', 'petitionDeadline', 'recommendationOverdue']);
    expect(schema.__type.fields.map((f) => f.name)).toContain('title');
  });

  it('runs queries sent over the socket through the gateway, as the caller', async () => {
    const clue = data.clue(XINCHENG, { title: '新城线索' });
    const ask = async (identity: Identity) => {
      const client = wsClient(`Bearer ${await token(identity)}`);
      return new Promise<ExecutionResult>((resolve, reject) => {
        client.subscribe({ query: 'query($id: ID!) { clue(id: $id) { title } }', variables: { id: clue.id } }, { next: resolve, error: reject, complete: () => undefined });
      });
    };
    expect(await ask(otherProcurator)).toEqual({ data: { clue: { title: '新城线索' } } });
    expect(await ask(procurator)).toEqual({ data: { clue: null } });
  });

  it('delivers petition deadlines, indicator alerts and overdue recommendations of the district', async () => {
    const petition = { id: randomUUID(), districtCode: YANTA, status: 'RECEIVED', nextDueAt: '2026-12-03T00:00:00.000Z' };
    const recommendation = { id: randomUUID(), documentNumber: '雁检建〔2026〕12号', districtCode: YANTA, agencyName: '雁塔区环保局', status: 'OVERDUE' };
    const alert = { indicatorCode: 'CLUE_ACCEPTANCE_RATE', districtCode: YANTA, periodKind: 'MONTH' as const, period: '2026-11', value: 0.4, target: 0.6, raisedAt: new Date().toISOString() };
    data.petitions.set(petition.id, petition);
    data.recommendations.set(recommendation.id, recommendation);
    data.alerts.push(alert, { ...alert, districtCode: XINCHENG });
    const client = wsClient(`Bearer ${await token(procurator)}`);
    const deadlines = collect(client, 'subscription($d: ID!) { petitionDeadline(districtCode: $d) { kind reply dueAt onTime petitionId petition { status nextDueAt } } }', { d: YANTA });
    const alerts = collect(client, 'subscription { indicatorAlertRaised { period value target districtCode indicator { code name } } }');
    const overdue = collect(client, 'subscription($d: ID!) { recommendationOverdue(districtCode: $d) { replyDueOn recommendation { documentNumber agencyName status } } }', { d: YANTA });
    await untilListening(3);

    const now = new Date().toISOString();
    await publish(petitionDeadlineMissed, { subject: petition.id, district: YANTA, data: { petitionId: petition.id, districtCode: YANTA, kind: 'PROCEDURAL', dueAt: now, detectedAt: now } });
    await publish(petitionReplied, { subject: petition.id, district: YANTA, data: { petitionId: petition.id, districtCode: YANTA, kind: 'PROCEDURAL', repliedAt: now, dueAt: now, onTime: false } });
    const raised = (districtCode: string) => ({
      subject: `CLUE_ACCEPTANCE_RATE:${districtCode}:2026-11`,
      district: districtCode,
      data: { indicatorCode: 'CLUE_ACCEPTANCE_RATE', indicatorName: '线索受理率', districtCode, periodKind: 'MONTH' as const, period: '2026-11', direction: 'HIGHER_IS_BETTER' as const, target: 0.6, value: 0.4, numerator: 2, denominator: 5, raisedAt: now },
    });
    await publish(indicatorAlertRaised, raised(XINCHENG));
    await publish(indicatorAlertRaised, raised(YANTA));
    await publish(recommendationOverdue, {
      subject: recommendation.id,
      district: YANTA,
      data: { recommendationId: recommendation.id, documentNumber: recommendation.documentNumber, districtCode: YANTA, kind: 'SOCIAL_GOVERNANCE', agencyName: recommendation.agencyName, replyDueOn: '2026-11-20', overdueAt: now },
    });

    expect(await received(deadlines, 2)).toEqual([
      { data: { petitionDeadline: { kind: 'MISSED', reply: 'PROCEDURAL', dueAt: now, onTime: null, petitionId: petition.id, petition: { status: 'RECEIVED', nextDueAt: petition.nextDueAt } } } },
      { data: { petitionDeadline: { kind: 'REPLIED', reply: 'PROCEDURAL', dueAt: now, onTime: false, petitionId: petition.id, petition: { status: 'RECEIVED', nextDueAt: petition.nextDueAt } } } },
    ]);
    // The district user's alerts are their own district's (the other was published first, on the same partition key pattern).
    expect(await received(alerts, 1, { settleMs: 300 })).toEqual([
      { data: { indicatorAlertRaised: { period: '2026-11', value: 0.4, target: 0.6, districtCode: YANTA, indicator: { code: 'CLUE_ACCEPTANCE_RATE', name: '线索受理率' } } } },
    ]);
    expect(await received(overdue, 1)).toEqual([
      { data: { recommendationOverdue: { replyDueOn: '2026-11-20', recommendation: { documentNumber: '雁检建〔2026〕12号', agencyName: '雁塔区环保局', status: 'OVERDUE' } } } },
    ]);
  });
});

describe('a petition deadline coming due', () => {
  const PETITION_DEADLINE = 'subscription($d: ID!) { petitionDeadline(districtCode: $d) { kind reply dueAt at onTime petitionId districtCode petition { id status } } }';
  const comingDue = (petition: { id: string; districtCode: string }, dueAt: string, detectedAt: string) =>
    publish(petitionDeadlineApproaching, { subject: petition.id, district: petition.districtCode, data: { petitionId: petition.id, districtCode: petition.districtCode, kind: 'PROCEDURAL', dueAt, detectedAt } });

  it('reaches the district’s subscribers as COMING_DUE with the petition resolved, and nothing of it another district’s', async () => {
    const mine = { id: randomUUID(), districtCode: YANTA, status: 'RECEIVED', nextDueAt: '2026-12-03T00:00:00.000Z' };
    const theirs = { id: randomUUID(), districtCode: XINCHENG, status: 'ACKNOWLEDGED', nextDueAt: null };
    data.petitions.set(mine.id, mine);
    data.petitions.set(theirs.id, theirs);
    const yanta = collect(wsClient(`Bearer ${await token(procurator)}`), PETITION_DEADLINE, { d: YANTA });
    const xincheng = collect(wsClient(`Bearer ${await token(otherProcurator)}`), PETITION_DEADLINE, { d: XINCHENG });
    await untilListening(2);

    const detectedAt = new Date().toISOString();
    const dueAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    await comingDue(mine, dueAt, detectedAt);
    expect(await received(yanta, 1)).toEqual([
      {
        data: {
          petitionDeadline: { kind: 'COMING_DUE', reply: 'PROCEDURAL', dueAt, at: detectedAt, onTime: null, petitionId: mine.id, districtCode: YANTA, petition: { id: mine.id, status: 'RECEIVED' } },
        },
      },
    ]);
    // Their own district's event is the marker: once it came, Yanta's would have too.
    await comingDue(theirs, dueAt, detectedAt);
    const others = await received(xincheng, 1, { settleMs: 500 });
    expect(others.map((r) => (r.data as { petitionDeadline: { petitionId: string; kind: string } }).petitionDeadline)).toMatchObject([{ petitionId: theirs.id, kind: 'COMING_DUE' }]);
    expect(yanta.results).toHaveLength(1);
  });
});

describe('subscriptions over HTTP', () => {
  it('Apollo Client (HttpLink, multipart) receives its district’s events', async () => {
    const clue = data.clue(YANTA, { title: '多部分' });
    const client = new ApolloClient({ link: new HttpLink({ uri: gateway.url, headers: { authorization: `Bearer ${await token(procurator)}` } }), cache: new InMemoryCache() });
    const results: unknown[] = [];
    const errors: unknown[] = [];
    const subscription = client
      .subscribe({ query: gql(CLUE_IDS.replace('kind clueId', 'kind clueId clue { id title }')), variables: { d: YANTA } })
      .subscribe({ next: (r) => void results.push(r), error: (e) => void errors.push(e) });
    clients.push({ dispose: () => subscription.unsubscribe() });
    await untilListening(1);
    await submitted(clue);
    await waitFor(async () => results.length > 0 || errors.length > 0, { what: 'an event' });
    expect(errors).toEqual([]);
    expect(results[0]).toMatchObject({ data: { clueQueueChanged: { kind: 'SUBMITTED', clueId: clue.id, clue: { id: clue.id, title: '多部分' } } } });
  });

  it('Apollo Client learns FORBIDDEN when subscribing to another district', async () => {
    const client = new ApolloClient({ link: new HttpLink({ uri: gateway.url, headers: { authorization: `Bearer ${await token(procurator)}` } }), cache: new InMemoryCache() });
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: gql(CLUE_IDS), variables: { d: XINCHENG } }).subscribe({ next: resolve, error: resolve });
    });
    expect(JSON.stringify(outcome)).toMatch(/FORBIDDEN/);
  });

  it('speaks the multipart protocol: heartbeats, and the stream ends with a transport error when the token expires', async () => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(procurator, 2)}`, 'content-type': 'application/json', accept: 'multipart/mixed;subscriptionSpec=1.0, application/json' },
      body: JSON.stringify({ query: CLUE_IDS, variables: { d: YANTA } }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('multipart/mixed;boundary="-";subscriptionSpec=1.0');
    const text = await res.text(); // ends when the token expires
    const parts = text.split('\r\n---').slice(1, -1).map((p) => JSON.parse(p.slice(p.indexOf('\r\n\r\n') + 4)) as unknown);
    expect(text.startsWith('\r\n---\r\ncontent-type: application/json; charset=utf-8\r\n\r\n')).toBe(true);
    expect(text.endsWith('\r\n-----\r\n')).toBe(true);
    expect(parts).toContainEqual({});
    expect(parts.at(-1)).toEqual({ payload: null, errors: [{ message: 'The access token has expired', extensions: { code: 'UNAUTHENTICATED', reason: 'expired' } }] });
  });

  it('graphql-sse’s client receives its district’s events over text/event-stream', async () => {
    const clue = data.clue(YANTA, { title: '事件流' });
    const client = createSseClient({ url: gateway.url, headers: { authorization: `Bearer ${await token(procurator)}` }, retryAttempts: 0 });
    clients.push(client);
    const iterator = client.iterate({ query: CLUE_QUEUE, variables: { d: YANTA } });
    const first = iterator.next();
    await untilListening(1);
    await submitted(clue);
    const { value } = await first;
    expect(value).toMatchObject({ data: { clueQueueChanged: { kind: 'SUBMITTED', clueId: clue.id, clue: { title: '事件流', reporter: null } } } });
    await iterator.return?.();
  });

  it('keeps Apollo’s CSRF rule, authentication and the per-user cap for streams', async () => {
    const query = encodeURIComponent(CLUE_IDS);
    const variables = encodeURIComponent(JSON.stringify({ d: YANTA }));
    const bearer = `Bearer ${await token(otherProcurator)}`;
    const simple = await fetch(`${gateway.url}?query=${query}&variables=${variables}`, { headers: { authorization: bearer, accept: 'text/event-stream' } });
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/Cross-Site Request Forgery/);

    const unauthenticated = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: CLUE_IDS, variables: { d: YANTA } }),
    });
    expect(unauthenticated.status).toBe(401);

    const open = async () => {
      const controller = new AbortController();
      clients.push({ dispose: () => controller.abort() });
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { authorization: bearer, 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: CLUE_IDS, variables: { d: XINCHENG } }),
        signal: controller.signal,
      });
      return res.status;
    };
    expect(await Promise.all([open(), open(), open()])).toEqual([200, 200, 200]);
    expect(await open()).toBe(429);
  });

  it('leaves queries to Apollo Server as before, whatever the Accept header', async () => {
    const clue = data.clue(YANTA, { title: '照旧' });
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(procurator)}`, 'content-type': 'application/json', accept: 'multipart/mixed;subscriptionSpec=1.0, application/json' },
      body: JSON.stringify({ query: 'query($id: ID!) { clue(id: $id) { title } }', variables: { id: clue.id } }),
    });
    expect(await res.json()).toEqual({ data: { clue: { title: '照旧' } } });
  });
});

describe('shutdown', () => {
  it('ends every WebSocket (1001) and HTTP stream before draining, and leaves the consumer group', async () => {
    const closes: { code: number }[] = [];
    collect(wsClient(`Bearer ${await token(procurator)}`, { onClosed: (e) => void closes.push(e as { code: number }) }), CLUE_IDS, { d: YANTA });
    const stream = fetch(gateway.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(otherProcurator)}`, 'content-type': 'application/json', accept: 'multipart/mixed;subscriptionSpec=1.0' },
      body: JSON.stringify({ query: CLUE_IDS, variables: { d: XINCHENG } }),
    }).then((res) => res.text());
    await untilListening(2);
    const started = Date.now();
    await gateway.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await stream).endsWith('\r\n-----\r\n')).toBe(true);
    await waitFor(async () => closes.length > 0, { what: 'the socket to close' });
    expect(closes[0]?.code).toBe(1001);
    const admin = new Kafka({ clientId: 'gateway-test', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING, ...kafkaTestSecurity() }).admin();
    await admin.connect();
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(namespace));
    await admin.disconnect();
    expect(groups).toEqual([]);
  });
});
