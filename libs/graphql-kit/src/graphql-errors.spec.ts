import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { Conflict, InvalidInput, NotFound, parseInput, toGraphQLError, withErrorMapping } from './index';

describe('toGraphQLError', () => {
  it('maps an input error to BAD_USER_INPUT naming the field and the reason', () => {
    const e = toGraphQLError(new InvalidInput('input.gridCode', 'unknown grid')) as GraphQLError;
    expect(e).toBeInstanceOf(GraphQLError);
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.gridCode', reason: 'unknown grid' });
  });

  it('maps NotFound and Conflict to their codes', () => {
    expect((toGraphQLError(new NotFound('Clue', 'x')) as GraphQLError).extensions.code).toBe('NOT_FOUND');
    expect((toGraphQLError(new Conflict('SUBMITTED → CASE_OPENED is not allowed')) as GraphQLError).extensions.code).toBe('CONFLICT');
  });

  it('maps a zod failure from parseInput to BAD_USER_INPUT with the input path', () => {
    const schema = z.object({ title: z.string().min(3, 'at least 3 characters') });
    let caught: unknown;
    try {
      parseInput(schema, { title: 'a' });
    } catch (e) {
      caught = e;
    }
    const e = toGraphQLError(caught) as GraphQLError;
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title', reason: 'at least 3 characters' });
  });

  it('refuses control characters in any string of the input (NUL cannot even be stored), keeping tabs and line breaks', () => {
    const schema = z.object({ title: z.string(), items: z.array(z.object({ name: z.string() })) });
    const refusal = (input: unknown) => {
      try {
        parseInput(schema, input);
        return undefined;
      } catch (e) {
        return (toGraphQLError(e) as GraphQLError).extensions;
      }
    };
    expect(refusal({ title: 'a\u0000b', items: [] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title', reason: 'must not contain control characters' });
    expect(refusal({ title: 'ok', items: [{ name: 'x' }, { name: 'bell\u0007' }] })).toMatchObject({ field: 'input.items.1.name' });
    expect(refusal({ title: '第一行\n第二行\t缩进\r\n', items: [] })).toBeUndefined();
  });

  it('leaves unknown errors alone so they are not mistaken for user errors', () => {
    const boom = new Error('db down');
    expect(toGraphQLError(boom)).toBe(boom);
  });
});

describe('withErrorMapping', () => {
  it('wraps resolvers so thrown domain errors reach GraphQL mapped', async () => {
    const resolvers = withErrorMapping({
      Query: {
        clue: () => {
          throw new NotFound('Clue', '1');
        },
      },
    });
    await expect((resolvers.Query.clue as () => Promise<unknown>)()).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
  });
});
