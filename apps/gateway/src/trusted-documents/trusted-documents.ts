import { GraphQLError } from 'graphql';
import type { Logger } from '../logger';
import type { TrustedManifest } from './manifest';

export type TrustedDocumentsMode = 'log' | 'enforce';

/** The GraphQL request parameters this check reads and may fill in. */
export interface DocumentParams {
  query?: unknown;
  extensions?: unknown;
  operationName?: unknown;
}

export type TrustedCheck<P> = { ok: true; params: P } | { ok: false; error: GraphQLError };

export const NOT_IN_MANIFEST = 'PERSISTED_QUERY_NOT_IN_MANIFEST';

export interface TrustedDocuments {
  readonly mode: TrustedDocumentsMode;
  /**
   * Trusted: the params to run, a query named only by id given its body (and the id dropped, so
   * that Apollo's automatic persisted queries neither check nor store it). Unknown: refused in
   * enforce mode; logged and passed on unchanged in log mode. No document and no id: passed on
   * (Apollo answers that a query is needed).
   */
  check<P extends DocumentParams>(params: P, requestId: string): TrustedCheck<P>;
}

function persistedHash(extensions: unknown): string | undefined {
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

function withoutPersistedQuery(extensions: unknown): Record<string, unknown> | undefined {
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  const { persistedQuery: _dropped, ...rest } = extensions as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

export function trustedDocuments(manifest: TrustedManifest, mode: TrustedDocumentsMode, logger: Logger): TrustedDocuments {
  const refusal = () =>
    new GraphQLError('This operation is not among the trusted documents: send an operation from the front end’s persisted-query manifest', {
      extensions: { code: NOT_IN_MANIFEST },
    });
  return {
    mode,
    check<P extends DocumentParams>(params: P, requestId: string): TrustedCheck<P> {
      const hash = persistedHash(params.extensions);
      const hasQuery = typeof params.query === 'string' && params.query !== '';
      if (hasQuery && manifest.hasDocument(params.query as string)) return { ok: true, params };
      if (!hasQuery && hash !== undefined) {
        const body = manifest.byHash(hash);
        if (body !== undefined) {
          const { extensions: _ext, ...rest } = params;
          const extensions = withoutPersistedQuery(params.extensions);
          return { ok: true, params: { ...rest, query: body, ...(extensions ? { extensions } : {}) } as P };
        }
      }
      if (!hasQuery && hash === undefined) return { ok: true, params };
      const operationName = typeof params.operationName === 'string' ? params.operationName : undefined;
      if (mode === 'log') {
        logger.warn({ requestId, operationName, sha256Hash: hash, byId: !hasQuery }, 'trusted documents: operation not in the manifest (executed: log mode)');
        return { ok: true, params };
      }
      logger.info({ requestId, operationName, sha256Hash: hash, byId: !hasQuery }, 'trusted documents: operation not in the manifest refused');
      return { ok: false, error: refusal() };
    },
  };
}
