import { MAX_MISSING_PARTS, missingParts } from './missing-parts';

// Fetch operations as @apollo/query-planner writes them.
describe('missingParts', () => {
  it('names each root field of a root fetch by its response name, without __typename', () => {
    expect(missingParts('query Q__clues__0 { clueCount total: clueCount(open: true) __typename d: district(code: "1") { name } }', {})).toEqual([
      ['clueCount'],
      ['total'],
      ['d'],
    ]);
  });

  it('names each field of each entity of an entity fetch, by the representation’s type', () => {
    const query = `query Q__clues__1($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Grid { __typename openClues viewer }
        ... on District { ...D }
      }
    }
    fragment D on District { clueCount }`;
    const representations = [
      { __typename: 'Grid', id: 'g1' },
      { __typename: 'District', code: '610113' },
      { __typename: 'Grid', id: 'g2' },
    ];
    expect(missingParts(query, { representations })).toEqual([
      ['_entities', 0, 'openClues'],
      ['_entities', 0, 'viewer'],
      ['_entities', 1, 'clueCount'],
      ['_entities', 2, 'openClues'],
      ['_entities', 2, 'viewer'],
    ]);
  });

  it('names the entity itself when no fragment names its type, and stops at MAX_MISSING_PARTS', () => {
    const query = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Node { id } } }';
    expect(missingParts(query, { representations: [{ __typename: 'Grid', id: 'g1' }] })).toEqual([['_entities', 0]]);
    const many = Array.from({ length: 200 }, (_, i) => ({ __typename: 'Node', id: String(i) }));
    expect(missingParts(query, { representations: many })).toHaveLength(MAX_MISSING_PARTS);
  });
});
