import { z } from 'zod';

/**
 * Parses a mutation's input object; a ZodError (mapped to BAD_USER_INPUT with the field path and
 * reason) is thrown on the first bad field. Paths are prefixed with "input." as clients see them.
 */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new z.ZodError(result.error.issues.map((i) => ({ ...i, path: ['input', ...i.path] })));
}
