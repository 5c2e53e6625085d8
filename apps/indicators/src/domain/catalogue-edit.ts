import { z } from 'zod';
import { hasRole, Role, type Identity } from '@pgov/auth';
import { Forbidden, InvalidInput, NotFound } from '@pgov/errors';
import { isIndicatorCode, INDICATOR_UNITS } from './catalogue';

const text = (max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'must not be blank').max(max, `must be at most ${max} characters`));

/** updateIndicator's input as clients send it: only what is given changes; target null clears it. */
export const updateIndicatorInput = z
  .object({
    code: z.string().min(1, 'is required'),
    name: text(200).optional(),
    description: text(2000).optional(),
    target: z.number().finite('must be a finite number').min(0, 'must not be negative').nullable().optional(),
    scope: z.enum(['NATIONAL', 'REGIONAL']).optional(),
  })
  .strict();

export type UpdateIndicatorInput = z.infer<typeof updateIndicatorInput>;

/** What an edit writes, decided: who may (CITY_ADMIN), that the indicator exists, and a target its unit allows. */
export function decideIndicatorEdit(identity: Identity, input: UpdateIndicatorInput) {
  if (!hasRole(identity, Role.CITY_ADMIN)) throw new Forbidden('only a CITY_ADMIN edits the indicator catalogue');
  if (!isIndicatorCode(input.code)) throw new NotFound('Indicator', input.code);
  const unit = INDICATOR_UNITS[input.code];
  if (unit === 'RATE' && typeof input.target === 'number' && input.target > 1) {
    throw new InvalidInput('input.target', 'a rate target is a fraction between 0 and 1');
  }
  const { code, ...changes } = input;
  return { code, changes: { ...changes, updatedBy: identity.subject } };
}
