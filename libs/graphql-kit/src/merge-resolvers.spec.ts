import { mergeResolvers } from './merge-resolvers';

describe('mergeResolvers', () => {
  it('joins the fields of each type from several maps', () => {
    const a = () => 1;
    const b = () => 2;
    expect(mergeResolvers({ Query: { a } }, { Query: { b }, Clue: { a } })).toEqual({ Query: { a, b }, Clue: { a } });
  });

  it('refuses a field defined twice', () => {
    expect(() => mergeResolvers({ Query: { a: () => 1 } }, { Query: { a: () => 2 } })).toThrow('resolver Query.a is defined twice');
  });
});
