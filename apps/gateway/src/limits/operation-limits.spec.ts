import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLError } from 'graphql';
import { batchLimitViolation } from './batch-limit';
import { measureOperation, operationLimitRules, type OperationLimits } from './operation-limits';

const schema = buildSchema(`
  type Query { clue(id: ID!): Clue, clues: [Clue!]!, me: Person, version: String }
  type Clue { id: ID!, title: String, reporter: Person, related: [Clue!]! }
  type Person { id: ID!, name: String, clues: [Clue!]! }
`);

const limits: OperationLimits = { maxDepth: 4, maxAliases: 2, maxRootFields: 3, maxFields: 20, maxIntrospectionDepth: 6 };

function check(query: string, l: OperationLimits = limits): readonly GraphQLError[] {
  return validate(schema, parse(query), [...specifiedRules, ...operationLimitRules(l)]);
}

function measure(query: string) {
  const doc = parse(query);
  const fragments = new Map(
    doc.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d] as const] : [])),
  );
  const op = doc.definitions.find((d) => d.kind === 'OperationDefinition');
  if (!op || op.kind !== 'OperationDefinition') throw new Error('no operation');
  return measureOperation(op, fragments);
}

describe('operation limits', () => {
  it('measures depth, aliases, root fields and fields, expanding fragments', () => {
    expect(measure('{ clue(id: 1) { id reporter { name } } version }')).toEqual({
      depth: 3,
      introspectionDepth: 0,
      aliases: 0,
      rootFields: 2,
      fields: 5,
    });
    expect(
      measure(`
        query { a: clue(id: 1) { ...C } b: clue(id: 2) { ...C } }
        fragment C on Clue { id ... on Clue { title } reporter { ...P } }
        fragment P on Person { n: name }
      `),
    ).toEqual({ depth: 3, introspectionDepth: 0, aliases: 4, rootFields: 2, fields: 10 });
  });

  it('accepts an operation within every limit', () => {
    expect(check('{ clue(id: 1) { id title reporter { name } } }')).toEqual([]);
  });

  it('rejects an operation that is too deep, also through fragments', () => {
    const direct = check('{ clues { related { related { related { id } } } } }');
    expect(direct).toHaveLength(1);
    expect(direct[0]?.message).toMatch(/maximum depth: 5 > 4/);
    expect(direct[0]?.extensions).toMatchObject({ limit: 'maxDepth', max: 4, actual: 5 });

    const viaFragments = check(`
      query Deep { clues { ...R } }
      fragment R on Clue { related { ...S } }
      fragment S on Clue { related { related { id } } }
    `);
    expect(viaFragments.map((e) => e.message)).toEqual([expect.stringMatching(/"Deep" exceeds the maximum depth/)]);
  });

  it('rejects too many aliases (alias overloading)', () => {
    const errors = check('{ a: version b: version c: version }');
    expect(errors.map((e) => e.extensions['limit'])).toEqual(['maxAliases']);
  });

  it('rejects too many root fields, counting fragments on the root type', () => {
    const errors = check('query { ...Q version me { id } } fragment Q on Query { clues { id } version }');
    expect(errors.map((e) => e.extensions['limit'])).toEqual(['maxRootFields']);
  });

  it('rejects too many fields when fragments multiply them', () => {
    const errors = check(
      `{ clues { ...A ...A } }
       fragment A on Clue { ...B ...B }
       fragment B on Clue { id title related { id title } }`,
      { ...limits, maxFields: 10 },
    );
    expect(errors.map((e) => e.extensions['limit'])).toEqual(['maxFields']);
    expect(errors[0]?.extensions['actual']).toBe(21);
  });

  it('stays quick on exponential fragment graphs (memoised)', () => {
    const defs = Array.from({ length: 60 }, (_, i) => `fragment F${i} on Clue { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const started = Date.now();
    const errors = check(`{ clues { ...F0 } } ${defs} fragment F60 on Clue { id }`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(errors.map((e) => e.extensions['limit'])).toContain('maxFields');
  });

  it('survives fragment cycles (reported by graphql-js itself)', () => {
    const errors = check('{ clues { ...A } } fragment A on Clue { related { ...A } }');
    expect(errors.some((e) => /cannot spread fragment/i.test(e.message))).toBe(true);
  });

  it('measures inside introspection: its own depth limit, aliases and fields as any others', () => {
    expect(measure('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }')).toMatchObject({
      depth: 1,
      introspectionDepth: 7,
      fields: 7,
    });
    const deep = check(`{ __schema { types { fields { type { ${'ofType { '.repeat(20)}name${' }'.repeat(20)} } } } } }`);
    expect(deep.map((e) => e.extensions['limit'])).toEqual(expect.arrayContaining(['maxIntrospectionDepth', 'maxFields']));
    const aliased = check('{ a: __type(name: "Clue") { name } b: __type(name: "Person") { name } c: __schema { types { name } } }');
    expect(aliased.map((e) => e.extensions['limit'])).toContain('maxAliases');
  });

  it('accepts the standard introspection query at the default introspection depth (15)', () => {
    expect(check(getIntrospectionQuery(), { ...limits, maxFields: 500, maxIntrospectionDepth: 15 })).toEqual([]);
  });

  it('checks every operation of a document', () => {
    const errors = check('query A { a: version b: version c: version } query B { version }');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/"A"/);
  });
});

describe('batch limit', () => {
  it('passes single operations and batches up to the limit', () => {
    expect(batchLimitViolation({ query: '{ version }' }, 2)).toBeNull();
    expect(batchLimitViolation([{}, {}], 2)).toBeNull();
  });
  it('refuses longer and empty batches', () => {
    expect(batchLimitViolation([{}, {}, {}], 2)).toMatch(/batch of 3 operations exceeds the limit of 2/);
    expect(batchLimitViolation([], 2)).toMatch(/empty batch/);
  });
});
