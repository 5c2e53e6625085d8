// GB 11643-1999 resident identity number: 17 digits + a check character (0-9 or X).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Why the number is not a valid resident ID, or null when it is. */
export function residentIdProblem(value: string): string | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'must be 17 digits followed by a digit or X';
  const birth = value.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replace(/-/g, '') !== birth) {
    return 'birth date (characters 7-14) is not a real date';
  }
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) return 'check digit does not match (GB 11643)';
  return null;
}

/** Mainland mobile number: 11 digits starting with 1. */
export function mobilePhoneProblem(value: string): string | null {
  return /^1[3-9]\d{9}$/.test(value) ? null : 'must be an 11-digit mainland mobile number';
}
