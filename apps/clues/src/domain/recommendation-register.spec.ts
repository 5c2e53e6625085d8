import { recommendationFilter } from './recommendation-register';

describe('the register filter', () => {
  it('defaults to everything', () => {
    expect(recommendationFilter(null)).toEqual({ status: [], kind: [], overdue: null, dueFrom: null, dueTo: null, text: null });
  });

  it('trims text and keeps dates', () => {
    expect(recommendationFilter({ text: '  排污 ', dueFrom: '2027-01-01', dueTo: '2027-02-28', overdue: true })).toMatchObject({
      text: '排污',
      dueFrom: '2027-01-01',
      dueTo: '2027-02-28',
      overdue: true,
    });
    expect(recommendationFilter({ text: '   ' }).text).toBeNull();
  });

  it.each([
    [{ dueFrom: '2027-02-30' }, 'filter.dueFrom'],
    [{ dueTo: 'tomorrow' }, 'filter.dueTo'],
    [{ text: 'x'.repeat(201) }, 'filter.text'],
  ])('refuses %j on %s', (filter, field) => {
    expect(() => recommendationFilter(filter)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field }));
  });
});
