import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * A program's Prometheus metrics, served at /metrics: process (CPU, memory, event-loop lag), GraphQL
 * requests by operation (rate, latency, outcome), outbox backlog and age, consumer lag per partition,
 * DLQ count. Operation names and error codes only: nothing about who asked for what.
 */
/** What the outbox gauges read with: any Prisma client. */
interface SqlReader {
  $queryRawUnsafe(sql: string): PromiseLike<unknown>;
}

export interface ServiceMetrics {
  registry: Registry;
  /** Times each GraphQL request, labelled by operation name and type and by outcome (ok or the first error code). */
  plugin: ApolloServerPlugin;
  onLag(topic: string, partition: number, lag: number): void;
  onDeadLetter(topic: string): void;
  /** The gateway: one call to a subgraph, its outcome (ok, an HTTP status, unavailable) and time. */
  onSubgraphFetch(subgraph: string, outcome: string, seconds: number): void;
  /** The gateway: a query answered from its response cache (hit), asked of the subgraphs (miss) or not looked up (bypass). */
  onResponseCache(outcome: 'hit' | 'miss' | 'bypass'): void;
  /** The text a scrape gets. */
  scrape(): Promise<string>;
}

/** Operation names come from clients: a bounded set of well-formed ones is kept, the rest are "other". */
const MAX_OPERATIONS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function createServiceMetrics(service: string, sources: { db?: SqlReader; outbox?: boolean } = {}): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });

  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL requests by operation and outcome: count, and time from receipt to the answer',
    labelNames: ['operation', 'type', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const seen = new Set<string>();
  const operationLabel = (name: string | null | undefined) => {
    if (!name || !OPERATION_NAME.test(name)) return name ? 'other' : 'anonymous';
    if (seen.has(name)) return name;
    if (seen.size >= MAX_OPERATIONS) return 'other';
    seen.add(name);
    return name;
  };

  const lag = new Gauge({ name: 'kafka_consumer_lag', help: 'Records of a partition still to be read after the last fetched batch', labelNames: ['topic', 'partition'], registers: [registry] });
  const deadLettered = new Counter({ name: 'kafka_dlq_messages_total', help: 'Messages the consumer sent to the dead-letter topic', labelNames: ['topic'], registers: [registry] });

  const fetches = new Histogram({
    name: 'subgraph_fetch_duration_seconds',
    help: 'Calls from the gateway to a subgraph: count and time, by outcome',
    labelNames: ['subgraph', 'outcome'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });

  const responseCache = new Counter({ name: 'gateway_response_cache_lookups_total', help: 'Queries answered from the response cache (hit), by the subgraphs (miss), or not looked up (bypass)', labelNames: ['outcome'], registers: [registry] });

  const { db } = sources;
  if (db && sources.outbox) {
    // Read at scrape time: the relay's own state is in the table, whichever replica publishes.
    let last: Promise<{ n: number; age: number }> | undefined;
    const backlog = () =>
      (last ??= (async () => {
        try {
          const [row] = (await db.$queryRawUnsafe(
            `SELECT count(*)::int AS n, COALESCE(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age FROM outbox_event WHERE published_at IS NULL`,
          )) as { n: number; age: number }[];
          return { n: Number(row?.n ?? 0), age: Number(row?.age ?? 0) };
        } finally {
          last = undefined;
        }
      })());
    new Gauge({
      name: 'outbox_backlog',
      help: 'Outbox events committed but not yet published to Kafka',
      registers: [registry],
      async collect() {
        this.set((await backlog()).n);
      },
    });
    new Gauge({
      name: 'outbox_oldest_age_seconds',
      help: 'Age of the oldest unpublished outbox event (0 when none)',
      registers: [registry],
      async collect() {
        this.set((await backlog()).age);
      },
    });
  }

  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse(ctx) {
          const code = ctx.errors?.[0]?.extensions?.['code'];
          duration.observe(
            { operation: operationLabel(ctx.operationName ?? ctx.request.operationName), type: ctx.operation?.operation ?? 'unknown', outcome: typeof code === 'string' ? code : ctx.errors?.length ? 'error' : 'ok' },
            Number(process.hrtime.bigint() - started) / 1e9,
          );
        },
      };
    },
  };

  return {
    registry,
    plugin,
    onLag: (topic, partition, value) => lag.set({ topic, partition: String(partition) }, value),
    onDeadLetter: (topic) => deadLettered.inc({ topic }),
    onSubgraphFetch: (subgraph, outcome, seconds) => fetches.observe({ subgraph, outcome }, seconds),
    onResponseCache: (outcome) => responseCache.inc({ outcome }),
    scrape: () => registry.metrics(),
  };
}
