import fc from 'fast-check';
import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Property-based fuzzing of a GraphQL API from its schema: for each mutation, arguments of the right
 * shape (so they pass GraphQL's own coercion and reach the resolvers) with hostile values inside —
 * empty, huge, control characters and NUL, look-alike and real ids, boundary numbers, unknown
 * enum values sent as strings, missing optionals. The specs check what must hold for every input.
 */

export interface FuzzValues {
  /**
   * Ids and codes that exist, so that some cases get past "not found" into the rules. Read when
   * values are drawn: a spec may fill it after the cases are declared (in beforeAll).
   */
  known?: readonly string[];
}

const hostileStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\n\t\r',
  "'; DROP TABLE clue; --",
  '"},{"x":1',
  '<script>alert(1)</script>',
  '💥🧨',
  '\u202etxt.exe',
  '１２３４５６',
  'NaN',
  '-1',
  '9'.repeat(40),
  '00000000-0000-0000-0000-000000000000',
  '2026-02-30',
  '2026-11-26T25:61:00Z',
  '1970-01-01T00:00:00Z',
  '9999-12-31',
  '610113',
  '11010519491231002X',
  '13800138000',
);

function stringValues(values: FuzzValues): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [
    hostileStrings,
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom('河道排污', '群众来信反映小区违建', '检察建议', '张三'),
    fc.uuid(),
    fc.integer({ min: 1, max: 12_000 }).map((n) => '长'.repeat(n)),
    fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  ];
  const known = fc.nat().map((i) => values.known?.[i % Math.max(1, values.known.length)] ?? '00000000-0000-4000-8000-000000000000');
  return fc.oneof(...options, known, known, known);
}

/** Values for `type` as variables carry them (JSON): a nullable type is now and then null. */
export function inputArbitrary(type: GraphQLInputType, values: FuzzValues = {}, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valuesOf(type.ofType, values, depth);
  return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: valuesOf(type, values, depth) });
}

function valuesOf(type: GraphQLInputType, values: FuzzValues, depth: number): fc.Arbitrary<unknown> {
  if (isListType(type)) return fc.array(inputArbitrary(type.ofType, values, depth + 1), { maxLength: depth > 2 ? 1 : 4 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.value as unknown));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const entries: Record<string, fc.Arbitrary<unknown>> = {};
    for (const field of fields) entries[field.name] = inputArbitrary(field.type, values, depth + 1);
    // Optional fields are sometimes left out altogether.
    const required = fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => f.name);
    return fc.record(entries, { requiredKeys: required });
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return fc.oneof(fc.constantFrom(0, -1, 1, 2_147_483_647, -2_147_483_648), fc.integer({ min: -1000, max: 100_000 }));
      case 'Float':
        return fc.oneof(fc.constantFrom(0, -0.5, 1e308, -1e308, 1.5), fc.double({ noNaN: true, noDefaultInfinity: true }));
      case 'Boolean':
        return fc.boolean();
      default:
        // String, ID and custom scalars (dates, codes) travel as strings.
        return stringValues(values);
    }
  }
  return fc.constant(null);
}

export interface MutationCase {
  name: string;
  /** `mutation($a: T!) { name(a: $a) { __typename } }` */
  document: string;
  variables: fc.Arbitrary<Record<string, unknown>>;
}

/** One case per mutation of `schema` (except `skip`), its variables from inputArbitrary. */
export function mutationCases(schema: GraphQLSchema, values: FuzzValues = {}, skip: readonly string[] = []): MutationCase[] {
  const mutation = schema.getMutationType();
  if (!mutation) return [];
  return Object.values(mutation.getFields())
    .filter((field) => !skip.includes(field.name))
    .map((field) => {
      const declared = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
      const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
      const document = `mutation${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
      const entries: Record<string, fc.Arbitrary<unknown>> = {};
      for (const arg of field.args) entries[arg.name] = inputArbitrary(arg.type, values);
      const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined).map((a) => a.name);
      return { name: field.name, document, variables: fc.record(entries, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>> };
    });
}

export interface FuzzAnswer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] };
}

/**
 * What every answer to any input must satisfy: an HTTP status below 500, and every error a chosen
 * one — a code other than INTERNAL_SERVER_ERROR (nothing unexpected happened), and a resolver's
 * BAD_USER_INPUT naming its field and reason. Answers the broken rules, empty when fine.
 */
export function answerProblems(answer: FuzzAnswer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  for (const error of answer.body.errors ?? []) {
    const code = error.extensions?.['code'];
    if (code === undefined || code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE') problems.push(`${String(code)}: ${error.message}`);
    if (code === 'BAD_USER_INPUT' && error.path && (!error.extensions?.['field'] || !error.extensions?.['reason'])) {
      problems.push(`BAD_USER_INPUT without field and reason: ${error.message}`);
    }
  }
  return problems;
}

/** POSTs one operation; answers the HTTP status with the body (a fuzz case wants both). */
export async function postOperation(url: string, query: string, variables: Record<string, unknown>, token: string): Promise<FuzzAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as FuzzAnswer['body'] };
  } catch {
    return { status: res.status, body: { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] } };
  }
}
