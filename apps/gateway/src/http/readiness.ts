export interface SubgraphProbe {
  name: string;
  ok: boolean;
  via?: 'readyz' | 'typename';
  detail?: string;
}

/**
 * Is the subgraph answering? First its GET /readyz (same origin as its GraphQL URL); when it has
 * none (404/405), an unauthenticated `{ __typename }` POST that must return data.
 */
export async function probeSubgraph(name: string, graphqlUrl: string, timeoutMs: number): Promise<SubgraphProbe> {
  try {
    const readyz = await fetch(new URL('/readyz', graphqlUrl), { signal: AbortSignal.timeout(timeoutMs) });
    await readyz.arrayBuffer();
    if (readyz.ok) return { name, ok: true, via: 'readyz' };
    if (readyz.status !== 404 && readyz.status !== 405) {
      return { name, ok: false, via: 'readyz', detail: `readyz answered ${readyz.status}` };
    }
    const probe = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await probe.json().catch(() => null)) as { data?: { __typename?: unknown } } | null;
    return body?.data?.__typename
      ? { name, ok: true, via: 'typename' }
      : { name, ok: false, via: 'typename', detail: `__typename probe answered ${probe.status}` };
  } catch (error) {
    return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
