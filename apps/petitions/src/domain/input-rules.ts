import { z } from 'zod';

/** A string trimmed, then between `min` and `max` characters. */
export const trimmed = (min: number, max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(min, min === 1 ? 'is required' : `must be at least ${min} characters`).max(max, `must be at most ${max} characters`));

/** An optional free-text note: blank means none. */
export const note = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().max(2000, 'must be at most 2000 characters'))
  .nullish()
  .transform((s) => s || null);

/** Any id: one that names no visible petition is NOT_FOUND, not bad input. */
export const petitionId = z.string().min(1, 'is required');

/** A token subject (of an owner, a handler). */
export const subject = trimmed(1, 200);
