import { legacyJsonStatus, type AnswerHead } from './legacy-json-status';

const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json; charset=utf-8';
const errorsBody = (...codes: string[]) =>
  JSON.stringify({ errors: codes.map((code) => ({ message: code, extensions: { code } })) });
const head = (overrides: Partial<AnswerHead> = {}): AnswerHead => ({
  status: 400,
  contentType: JSON_TYPE,
  accepted: ['application/json'],
  ...overrides,
});

describe('legacyJsonStatus', () => {
  it('answers parse, validation, operation-resolution and coercion errors 200 to clients asking for application/json', () => {
    for (const code of ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'OPERATION_RESOLUTION_FAILURE', 'BAD_USER_INPUT']) {
      expect({ code, status: legacyJsonStatus(head(), errorsBody(code)) }).toEqual({ code, status: 200 });
    }
    expect(legacyJsonStatus(head({ accepted: ['Application/JSON'] }), errorsBody('GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_VALIDATION_FAILED'))).toBe(200);
  });

  it('keeps 400 under application/graphql-response+json', () => {
    const accepted = ['application/graphql-response+json', 'application/json'];
    expect(legacyJsonStatus(head({ contentType: GRAPHQL_RESPONSE_TYPE, accepted }), errorsBody('GRAPHQL_PARSE_FAILED'))).toBe(400);
  });

  it('keeps 400 when the client named no media type (no Accept, or a wildcard)', () => {
    expect(legacyJsonStatus(head({ accepted: ['*/*'] }), errorsBody('GRAPHQL_VALIDATION_FAILED'))).toBe(400);
  });

  it('keeps the status of malformed requests, other errors, answers with data and non-400 answers', () => {
    expect(legacyJsonStatus(head(), errorsBody('BAD_REQUEST'))).toBe(400);
    expect(legacyJsonStatus(head(), errorsBody('GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST'))).toBe(400);
    expect(legacyJsonStatus(head(), JSON.stringify({ data: null, errors: [{ message: 'x', extensions: { code: 'BAD_USER_INPUT' } }] }))).toBe(400);
    expect(legacyJsonStatus(head({ status: 405 }), errorsBody('BAD_REQUEST'))).toBe(405);
    expect(legacyJsonStatus(head(), '[{"errors":[]}]')).toBe(400);
    expect(legacyJsonStatus(head(), 'not json')).toBe(400);
  });
});
