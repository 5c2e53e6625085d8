/**
 * A front end's GraphQL client for the fault suite: a call that fails with a retryable answer
 * (SERVICE_UNAVAILABLE / retryable: true, or no answer at all: the gateway down, a connection cut)
 * is sent again after a pause with back-off, as a client would; any other error is a failure,
 * counted with its code. Messages that look like a database's or a driver's text are flagged: no
 * program may tell a client about its internals.
 */

export interface CallError {
  code: string;
  message: string;
}

export class CallFailed extends Error {
  constructor(
    readonly operation: string,
    readonly errors: CallError[],
    /** A retryable failure came first: the call may have committed before its answer was lost. */
    readonly afterRetry: boolean,
  ) {
    super(`${operation}: ${errors.map((e) => `${e.code}: ${e.message}`).join('; ')}`);
  }
}

/** Words of PostgreSQL, Prisma, node-postgres or kafkajs that a client must never read. */
const INTERNALS = /prisma|postgres|ECONNREFUSED|ECONNRESET|terminating connection|database system|SQLSTATE|P10\d\d|P20\d\d|kafka|invocation|Connection terminated|\bat [\w.]+ \(/i;

export interface ClientStats {
  calls: number;
  retries: number;
  /** Retries by cause: an error code, or "no answer". */
  retriedBy: Map<string, number>;
  /** Error answers (retryable or not) whose message leaks internals, with an example. */
  leaks: { count: number; example?: string };
}

export function newStats(): ClientStats {
  return { calls: 0, retries: 0, retriedBy: new Map(), leaks: { count: 0 } };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function graphqlClient(url: string, stats: ClientStats, deadline: () => number) {
  return async function call<T>(operation: string, token: string, query: string, variables: Record<string, unknown>): Promise<T> {
    stats.calls += 1;
    let retried = false;
    for (let attempt = 0; ; attempt += 1) {
      let cause: string;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(20_000),
        });
        const text = await res.text();
        let body: { data?: T; errors?: { message: string; extensions?: { code?: string; retryable?: boolean } }[] } | undefined;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        if (body?.errors?.length) {
          for (const e of body.errors) {
            if (INTERNALS.test(e.message)) {
              stats.leaks.count += 1;
              stats.leaks.example ??= `${operation}: ${e.message.slice(0, 300)}`;
            }
          }
          const retryable = body.errors.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE' || e.extensions?.retryable === true);
          if (!retryable) {
            throw new CallFailed(operation, body.errors.map((e) => ({ code: e.extensions?.code ?? 'NO_CODE', message: e.message.slice(0, 300) })), retried);
          }
          cause = body.errors[0]!.extensions?.code ?? 'retryable';
        } else if (res.ok && body?.data) {
          return body.data;
        } else {
          // No GraphQL answer: a proxy's or a starting server's status; the gateway is not up yet.
          cause = `HTTP ${res.status}`;
        }
      } catch (error) {
        if (error instanceof CallFailed) throw error;
        cause = 'no answer';
      }
      if (Date.now() > deadline()) throw new CallFailed(operation, [{ code: 'GAVE_UP', message: `still failing at the deadline (${cause})` }], retried);
      retried = true;
      stats.retries += 1;
      stats.retriedBy.set(cause, (stats.retriedBy.get(cause) ?? 0) + 1);
      await sleep(Math.min(2_000, 100 * 2 ** Math.min(attempt, 5)));
    }
  };
}

export type GraphqlCall = ReturnType<typeof graphqlClient>;
