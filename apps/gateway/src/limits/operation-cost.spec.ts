import { buildSchema, getOperationAST, parse } from 'graphql';
import { operationCost } from './operation-cost';

const schema = buildSchema(`
  type Query { district(code: ID!): District, districts: [District!]!, clues(first: Int = 20, last: Int): ClueConnection! }
  type District { code: ID!, name: String, grids: [Grid!]!, clues(first: Int = 20): ClueConnection! }
  type Grid { id: ID!, members(first: Int): [Member!]! }
  type Member { id: ID!, name: String }
  type ClueConnection { totalCount: Int!, edges: [ClueEdge!]!, nodes: [Clue!]! }
  type ClueEdge { node: Clue! }
  type Clue { id: ID!, title: String }
`);

function cost(query: string, variables?: Record<string, unknown>, defaultListSize = 10): number {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  return operationCost(schema, document, operation, variables, defaultListSize);
}

describe('operation cost', () => {
  it('counts each field 1, a plain object field adds its selection', () => {
    expect(cost('{ district(code: "1") { code name } }')).toBe(3);
  });

  it('multiplies a list without first/last by the default list size', () => {
    expect(cost('{ districts { code } }')).toBe(10 * 2);
    expect(cost('{ districts { grids { id } } }')).toBe(10 * (1 + 10 * 2));
  });

  it('multiplies by first/last: literal, variable, or the schema default; edges/nodes are that page', () => {
    expect(cost('{ clues(first: 5) { totalCount edges { node { id } } } }')).toBe(5 * (1 + 1 + 1 * (1 + 2)));
    expect(cost('query Q($n: Int) { clues(first: $n) { nodes { id } } }', { n: 100 })).toBe(100 * (1 + 2));
    expect(cost('{ clues { nodes { id } } }')).toBe(20 * 3);
    expect(cost('{ clues(first: 2, last: 50) { nodes { id } } }')).toBe(50 * 3);
    expect(cost('{ districts { grids { members(first: 3) { id } } } }')).toBe(10 * (1 + 10 * (1 + 3 * 2)));
  });

  it('expands fragments and costs introspection as 1', () => {
    expect(cost('{ districts { ...D } } fragment D on District { code ... on District { name } }')).toBe(10 * 3);
    expect(cost('{ __typename __schema { types { fields { name } } } }')).toBe(2);
  });
});
