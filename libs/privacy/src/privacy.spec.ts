import { maskIdNumber, maskName, maskPhone, mobilePhoneProblem, residentIdCheckChar, residentIdProblem } from './index';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts a number whose check character matches', () => {
    // 11010519491231002X is the standard's published example.
    expect(residentIdProblem('11010519491231002X')).toBeNull();
    const first17 = '61011319900101123';
    expect(residentIdProblem(first17 + residentIdCheckChar(first17))).toBeNull();
  });

  it('rejects a wrong check digit, a wrong shape and an impossible birth date', () => {
    expect(residentIdProblem('110105194912310021')).toMatch(/check digit/);
    expect(residentIdProblem('1101051949123100')).toMatch(/17 digits/);
    expect(residentIdProblem('110105194902300021')).toMatch(/birth date/);
  });
});

describe('masks', () => {
  it('keeps only recognisable ends', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('*');
  });

  it('validates mobile phones', () => {
    expect(mobilePhoneProblem('13812345678')).toBeNull();
    expect(mobilePhoneProblem('12345')).toMatch(/11-digit/);
  });
});
