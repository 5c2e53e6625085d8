import { sharingKey } from './graphql-handler';

const req = (
  body: unknown,
  extra: { method?: string; url?: string; authorization?: string; headers?: Record<string, string> } = {},
) => ({
  method: extra.method ?? 'POST',
  url: extra.url ?? '/graphql',
  headers: { authorization: extra.authorization ?? 'Bearer a', ...extra.headers },
  body,
});

describe('sharingKey', () => {
  it('is the same for the same caller, URL and body, and differs with any of them', () => {
    const q = { query: '{ district(code: "610113") { name } }' };
    expect(sharingKey(req(q))).toBe(sharingKey(req({ ...q })));
    expect(sharingKey(req(q))).not.toBe(sharingKey(req(q, { authorization: 'Bearer b' })));
    expect(sharingKey(req(q))).not.toBe(sharingKey(req({ ...q, variables: { x: 1 } })));
    expect(sharingKey(req(q))).not.toBe(sharingKey(req(q, { url: '/graphql?x=1' })));
  });

  it('differs with the headers that change the answer: media type, content type, CSRF preflight', () => {
    const q = { query: '{ district(code: "610113") { name } }' };
    const json = { accept: 'application/json', 'content-type': 'application/json' };
    expect(sharingKey(req(q, { headers: json }))).toBe(sharingKey(req(q, { headers: { ...json, 'x-request-id': 'r2' } })));
    expect(sharingKey(req(q, { headers: json }))).not.toBe(
      sharingKey(req(q, { headers: { ...json, accept: 'application/graphql-response+json' } })),
    );
    expect(sharingKey(req(q, { headers: json }))).not.toBe(
      sharingKey(req(q, { headers: { ...json, 'content-type': 'application/json; charset=utf-8' } })),
    );
    const get = { method: 'GET', url: '/graphql?query=%7B%20a%20%7D' };
    expect(sharingKey(req(undefined, get))).not.toBe(
      sharingKey(req(undefined, { ...get, headers: { 'apollo-require-preflight': 'true' } })),
    );
  });

  it('is null for mutations, subscriptions, revealing reads and requests without a query text', () => {
    expect(sharingKey(req({ query: 'mutation { submitClue { id } }' }))).toBeNull();
    expect(sharingKey(req({ query: 'query A { a } mutation B { b }', operationName: 'A' }))).toBeNull();
    expect(sharingKey(req({ query: 'subscription { clueQueueChanged { id } }' }))).toBeNull();
    expect(sharingKey(req({ query: '{ member(id: "m") { phone(reveal: true) } }' }))).toBeNull();
    expect(sharingKey(req({ query: 'query($r: Boolean) { member(id: "m") { phone(reveal: $r) } }', variables: { r: true } }))).toBeNull();
    expect(sharingKey(req({ extensions: { persistedQuery: { sha256Hash: 'abc' } } }))).toBeNull();
    expect(sharingKey(req({ query: '{ mutationCount }' }))).not.toBeNull();
  });

  it('reads a GET request’s query from its URL', () => {
    expect(sharingKey(req(undefined, { method: 'GET', url: '/graphql?query=%7B%20a%20%7D' }))).not.toBeNull();
    expect(sharingKey(req(undefined, { method: 'GET', url: '/graphql?query=mutation%20%7B%20a%20%7D' }))).toBeNull();
  });
});
