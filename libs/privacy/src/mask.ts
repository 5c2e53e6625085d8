// Masks for personal information (SECURITY.md): enough left to recognise a record, not to use it.

/** 610113199001011234 → 6101************1234 keeps the first 4 and last 4 characters. */
export function maskIdNumber(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

/** 13812345678 → 138****5678 */
export function maskPhone(value: string): string {
  if (value.length <= 7) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}

/** 张三丰 → 张** */
export function maskName(value: string): string {
  const chars = [...value];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}
