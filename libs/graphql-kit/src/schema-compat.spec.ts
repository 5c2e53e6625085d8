import { breakingGraphChanges } from './schema-compat';

const released = `
  type Query { clue(id: ID!): Clue, clues(first: Int): [Clue!]! }
  type Clue { id: ID!, title: String!, status: Status! }
  enum Status { SUBMITTED ACCEPTED }
`;

describe('breakingGraphChanges', () => {
  it('lets additions through: a field, a type, an optional argument', () => {
    const current = `
      type Query { clue(id: ID!): Clue, clues(first: Int, after: String): [Clue!]!, petition(id: ID!): Petition }
      type Clue { id: ID!, title: String!, status: Status!, number: String }
      type Petition { id: ID! }
      enum Status { SUBMITTED ACCEPTED }
    `;
    expect(breakingGraphChanges(released, current)).toEqual([]);
  });

  it('names what would break an existing query: a removed field, a changed type, a new required argument, a removed enum value', () => {
    const current = `
      type Query { clue(id: ID!): Clue, clues(first: Int, district: ID!): [Clue!]! }
      type Clue { id: ID!, status: Status }
      enum Status { SUBMITTED }
    `;
    expect(breakingGraphChanges(released, current).sort()).toEqual(
      [
        'FIELD_REMOVED: Clue.title was removed.',
        'FIELD_CHANGED_KIND: Clue.status changed type from Status! to Status.',
        'REQUIRED_ARG_ADDED: A required arg district on Query.clues was added.',
        'VALUE_REMOVED_FROM_ENUM: ACCEPTED was removed from enum type Status.',
      ].sort(),
    );
  });
});
