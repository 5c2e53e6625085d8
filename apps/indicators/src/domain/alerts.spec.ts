import { crossesTarget, missesTarget } from './alerts';

describe('targets', () => {
  it('is missed below a higher-is-better target and above a lower-is-better one', () => {
    expect(missesTarget('HIGHER_IS_BETTER', 0.9, 0.89)).toBe(true);
    expect(missesTarget('HIGHER_IS_BETTER', 0.9, 0.9)).toBe(false);
    expect(missesTarget('LOWER_IS_BETTER', 15, 15.5)).toBe(true);
    expect(missesTarget('LOWER_IS_BETTER', 15, 15)).toBe(false);
  });

  it('is never missed without a target or a value', () => {
    expect(missesTarget('HIGHER_IS_BETTER', null, 0)).toBe(false);
    expect(missesTarget('HIGHER_IS_BETTER', 0.9, null)).toBe(false);
  });

  it('is crossed going from meeting it (or no value) to missing it, not while staying below', () => {
    expect(crossesTarget('HIGHER_IS_BETTER', 0.9, 1, 0.5)).toBe(true);
    expect(crossesTarget('HIGHER_IS_BETTER', 0.9, null, 0.5)).toBe(true);
    expect(crossesTarget('HIGHER_IS_BETTER', 0.9, 0.6, 0.5)).toBe(false);
    expect(crossesTarget('HIGHER_IS_BETTER', 0.9, 0.5, 0.95)).toBe(false);
    expect(crossesTarget('LOWER_IS_BETTER', 15, 10, 20)).toBe(true);
  });
});
