import { z } from 'zod';

/**
 * C0 control characters but tab, line feed and carriage return: never meant in a title, a name or
 * a reason, and NUL cannot be stored at all (PostgreSQL refuses it in text).
 */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

/** Issues for every string in `value` that holds a control character, at its path. */
function controlCharacterIssues(value: unknown, path: (string | number)[] = []): z.ZodIssue[] {
  if (typeof value === 'string') {
    return hasControlCharacter(value) ? [{ code: z.ZodIssueCode.custom, path, message: 'must not contain control characters' }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => controlCharacterIssues(item, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => controlCharacterIssues(item, [...path, key]));
  return [];
}

/**
 * Parses a mutation's input object; a ZodError (mapped to BAD_USER_INPUT with the field path and
 * reason) is thrown on the first bad field. Paths are prefixed with "input." as clients see them.
 * Control characters are refused in every string, whatever the schema says.
 */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.infer<S> {
  const control = controlCharacterIssues(input);
  const result = schema.safeParse(input);
  if (result.success && control.length === 0) return result.data;
  const issues = [...control, ...(result.success ? [] : result.error.issues)];
  throw new z.ZodError(issues.map((i) => ({ ...i, path: ['input', ...i.path] })));
}
