import { jurisdictionOf } from '@pgov/reference-data';

/**
 * The document number shown on the paper: the issuing procuratorate's one-character short name,
 * 检建, the year and the sequence of that district and year, e.g. 雁检建〔2026〕12号 (the city: 西检建).
 */
export function recommendationDocumentNumber(districtCode: string, year: number, seq: number): string {
  const jurisdiction = jurisdictionOf(districtCode);
  if (!jurisdiction) throw new RangeError(`no jurisdiction ${districtCode}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`not a sequence number: ${seq}`);
  return `${jurisdiction.shortName}检建〔${year}〕${seq}号`;
}
