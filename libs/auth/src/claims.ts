import { z } from 'zod';
import { DISTRICT_CODE_PATTERN, type Identity, Role } from './identity';

/** Claims this platform reads from an access token, besides the registered ones (iss, aud, exp...). */
export const identityClaimsSchema = z.object({
  sub: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(100),
  roles: z
    .array(z.nativeEnum(Role))
    .min(1)
    .transform((roles) => [...new Set(roles)]),
  district: z.string().regex(DISTRICT_CODE_PATTERN, 'must be a six-digit GB/T 2260 code'),
});

export type IdentityClaims = z.input<typeof identityClaimsSchema>;

/** Validates the payload of a verified token; returns the problems (empty when fine). */
export function parseIdentityClaims(payload: unknown): { identity: Identity } | { problems: string[] } {
  const result = identityClaimsSchema.safeParse(payload);
  if (!result.success) {
    return { problems: result.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`) };
  }
  const { sub, name, roles, district } = result.data;
  return { identity: { subject: sub, name, roles, district } };
}

export function identityToClaims(identity: Identity): IdentityClaims {
  return { sub: identity.subject, name: identity.name, roles: [...identity.roles], district: identity.district };
}
