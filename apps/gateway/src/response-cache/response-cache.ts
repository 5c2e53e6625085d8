import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { LRUCache } from 'lru-cache';
import { SHARED_CACHE_CLAIMS } from '@pgov/auth';
import { mayReveal } from '../personal-data/may-reveal';
import type { GatewayContext } from '../subgraphs/forwarding-data-source';

/** Why an answer was not reused, or that it was: the metric's outcome label. */
export type CacheOutcome = 'hit' | 'miss' | 'bypass';

export interface ResponseCache {
  /** Apollo Server plugins: the response cache and its invalidation by mutations. */
  plugins: ApolloServerPlugin<GatewayContext>[];
  /** Forget every answer kept so far (a change seen on the event backbone, a mutation). */
  invalidate(): void;
}

/**
 * Whole answers to queries, reused for as long as the subgraphs said they may be (their
 * `Cache-Control: max-age`, from the schema's @cacheControl hints; nothing unhinted is ever kept):
 * Apollo's response-cache plugin over an LRU bounded in bytes.
 *
 * Who may reuse an answer:
 * - `public` (every subgraph's resolvers read no claim but roles and district): every caller whose
 *   token carries the same roles and district — the key holds them;
 * - `private` (some resolver read who the caller is): that caller only (the key holds the subject).
 * An answer with errors is never kept, nor one asking for a personal field whole (`reveal`: each such
 * read is audited as its own request; the subgraphs also mark those fields uncacheable). A client may
 * ask for a fresh answer with `Cache-Control: no-cache` (kept for the next ones) or `no-store` (not kept).
 *
 * Freshness: any mutation through this gateway, and any event the live-update feed consumes,
 * forgets every kept answer (a generation number in the key), so a user sees their own change at
 * once and a screen refetching on a live update gets the new state; other changes (another gateway
 * replica's mutations, the services' own sweeps) show within the hint's max-age (5 s in the schemas).
 * A query that was running while the generation changed does not store its answer.
 */
export function createResponseCache(options: { maxBytes: number; onLookup?: (outcome: CacheOutcome) => void }): ResponseCache {
  const store = new LRUCache<string, string>({ maxSize: options.maxBytes, sizeCalculation: (value, key) => 2 * (value.length + key.length), ttlAutopurge: false });
  let generation = 0;
  const startedIn = new WeakMap<object, number>();
  const generationOf = (context: GatewayContext) => {
    let seen = startedIn.get(context);
    if (seen === undefined) startedIn.set(context, (seen = generation));
    return seen;
  };

  const revealing = (rc: GraphQLRequestContext<GatewayContext>) => mayReveal(rc.source ?? '') || mayReveal(JSON.stringify(rc.request.variables ?? {}));
  const requestDirective = (rc: GraphQLRequestContext<GatewayContext>, directive: string) =>
    new RegExp(`\\b${directive}\\b`, 'i').test(rc.request.http?.headers.get('cache-control') ?? '');
  // no-cache: answer afresh (and keep that answer); no-store: answer afresh and keep nothing.
  const freshAsked = (rc: GraphQLRequestContext<GatewayContext>) => requestDirective(rc, 'no-cache') || requestDirective(rc, 'no-store');

  const cachePlugin = responseCachePlugin<GatewayContext>({
    cache: {
      get: async (key) => store.get(key),
      set: async (key, value, setOptions) => {
        const ttl = setOptions?.ttl;
        if (typeof ttl === 'number' && ttl > 0) store.set(key, value, { ttl: ttl * 1000 });
      },
      delete: async (key) => store.delete(key),
    },
    // A private answer is keyed by its caller; the plugin looks for one before a shared one.
    sessionId: async (rc) => rc.contextValue.identity.subject,
    extraCacheKeyData: async (rc) => {
      const { identity } = rc.contextValue;
      // As the token has them (roles in its order: the subgraph read them so).
      const shared = Object.fromEntries(SHARED_CACHE_CLAIMS.map((claim) => [claim, identity[claim]]));
      return { generation: generationOf(rc.contextValue), ...shared };
    },
    shouldReadFromCache: async (rc) => !revealing(rc) && !freshAsked(rc),
    shouldWriteToCache: async (rc) => !revealing(rc) && !requestDirective(rc, 'no-store') && generationOf(rc.contextValue) === generation,
    generateCacheKey: (_rc, keyData) => createHash('sha256').update(JSON.stringify(keyData)).digest('base64url'),
  });

  const invalidate = () => {
    generation += 1;
    store.clear();
  };

  const bookkeeping: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart(start) {
      // Before anything runs: a query that overlaps a change in generation does not store its answer.
      generationOf(start.contextValue);
      return {
        async didResolveOperation(rc) {
          // Forgotten when a mutation starts and again when it ends: nothing read in between is kept.
          if (rc.operation?.operation === 'mutation') invalidate();
        },
        async willSendResponse(rc) {
          const kind = rc.operation?.operation;
          if (kind === 'mutation') invalidate();
          if (kind === 'query' && options.onLookup) {
            options.onLookup(rc.metrics.responseCacheHit ? 'hit' : revealing(rc) || freshAsked(rc) ? 'bypass' : 'miss');
          }
        },
      };
    },
  };

  return { plugins: [cachePlugin, bookkeeping], invalidate };
}
