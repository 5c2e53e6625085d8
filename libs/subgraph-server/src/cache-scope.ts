import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

const WATCH = Symbol('cache scope watch');

/** Carried on a request's context: whether its answer read a claim outside the shared ones. */
interface ClaimsWatch {
  readPrivate: boolean;
}

/**
 * The caller's identity as resolvers see it, watched: reading any property not in `shared` (the
 * subject, the name) — or enumerating it (spread, JSON) — marks the request's answer as the caller's
 * own. Reading only the shared claims (roles, district) leaves it shareable by every caller with the
 * same values: what a response cache may key it by (see cacheScopePlugin).
 */
export function watchClaims<T extends object>(identity: T, shared: readonly string[]): { identity: T; watch: ClaimsWatch } {
  const watch: ClaimsWatch = { readPrivate: false };
  const allowed = new Set(shared);
  const proxy = new Proxy(identity, {
    get(target, property, receiver) {
      if (typeof property === 'string' && !allowed.has(property)) watch.readPrivate = true;
      return Reflect.get(target, property, receiver) as unknown;
    },
    ownKeys(target) {
      watch.readPrivate = true;
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, property) {
      watch.readPrivate = true;
      return Reflect.getOwnPropertyDescriptor(target, property);
    },
  });
  return { identity: proxy, watch };
}

/** Puts the watch on the request's context (a symbol key: it survives Apollo's shallow copies). */
export function withWatch<Ctx extends object>(context: Ctx, watch: ClaimsWatch): Ctx {
  Object.defineProperty(context, WATCH, { value: watch, enumerable: true });
  return context;
}

/**
 * Apollo's cache control computes an answer's `Cache-Control` from the schema's @cacheControl hints
 * (nothing is cacheable unless every part of the answer is hinted); this plugin narrows it to
 * `private` when a resolver read a claim of the caller's own (watchClaims), so that only answers that
 * depend on nothing but the shared claims are declared `public`.
 */
export function cacheScopePlugin<Ctx extends BaseContext>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart(requestContext) {
          return {
            async executionDidEnd() {
              const watch = (requestContext.contextValue as { [WATCH]?: ClaimsWatch })[WATCH];
              if (!watch || watch.readPrivate) requestContext.overallCachePolicy.restrict({ scope: 'PRIVATE' });
            },
          };
        },
      };
    },
  };
}
