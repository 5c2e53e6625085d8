import { yearInChina } from './clock';

describe('clue numbering years', () => {
  it('are years in China time', () => {
    expect(yearInChina(new Date('2026-12-31T16:30:00Z'))).toBe(2027);
    expect(yearInChina(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
  });
});
