import { connect, createServer, type AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { maskUnexpectedError, NotFound, SERVICE_UNAVAILABLE, toGraphQLError } from './index';

/** A real refused connection (a loopback port nobody listens on), as a driver would meet it. */
async function refusedConnection(): Promise<Error> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return new Promise((resolve) => connect(port, '127.0.0.1').on('error', resolve));
}

/** What Apollo hands formatError: the error as it would answer it, and the error itself. */
function format(error: GraphQLError) {
  const json = error.toJSON();
  return maskUnexpectedError({ ...json, extensions: { ...json.extensions, code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR' } }, error);
}

const resolverError = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['submitClue'] });

describe('maskUnexpectedError', () => {
  it('answers a transient failure SERVICE_UNAVAILABLE, retryable, and nothing of what happened', async () => {
    const refused = await refusedConnection();
    expect(refused.message).toMatch(/ECONNREFUSED 127\.0\.0\.1:\d+/);
    expect(format(resolverError(refused))).toEqual({
      message: 'The service is briefly unavailable; retry the request.',
      path: ['submitClue'],
      extensions: { code: SERVICE_UNAVAILABLE, retryable: true },
    });
  });

  it('answers any other unexpected error INTERNAL_SERVER_ERROR with a generic message', () => {
    const leak = new Error('relation "clue_number_counter" does not exist at 10.0.3.7:5432');
    expect(format(resolverError(leak))).toEqual({ message: 'Internal server error', path: ['submitClue'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    const coded = new GraphQLError('boom at db-1:5432', { extensions: { code: 'INTERNAL_SERVER_ERROR', detail: 'SELECT …' } });
    expect(format(coded)).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('passes errors with a deliberate code as they are', () => {
    const notFound = toGraphQLError(new NotFound('Clue', 'x')) as GraphQLError;
    expect(format(notFound)).toMatchObject({ message: 'Clue x not found', extensions: { code: 'NOT_FOUND', entity: 'Clue', id: 'x' } });
    const invalid = new GraphQLError('Syntax Error: Expected Name', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(format(invalid)).toMatchObject({ message: 'Syntax Error: Expected Name', extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  });
});
