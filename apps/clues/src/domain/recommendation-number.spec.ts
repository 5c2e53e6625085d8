import { recommendationDocumentNumber } from './recommendation-number';

describe('recommendation document number', () => {
  it('is the short name, 检建, the year and the sequence', () => {
    expect(recommendationDocumentNumber('610113', 2026, 12)).toBe('雁检建〔2026〕12号');
    expect(recommendationDocumentNumber('610118', 2027, 1)).toBe('鄠检建〔2027〕1号');
    expect(recommendationDocumentNumber('610124', 2026, 305)).toBe('周检建〔2026〕305号');
  });

  it('names the city procuratorate 西检建', () => {
    expect(recommendationDocumentNumber('610100', 2026, 3)).toBe('西检建〔2026〕3号');
  });

  it('refuses an unknown jurisdiction and a sequence that is not positive', () => {
    expect(() => recommendationDocumentNumber('110101', 2026, 1)).toThrow(RangeError);
    expect(() => recommendationDocumentNumber('610113', 2026, 0)).toThrow(RangeError);
  });
});
