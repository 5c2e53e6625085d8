/** Which browser origins may call the gateway from another site (CORS) or open a WebSocket. */
export interface OriginPolicy {
  /** Exact origins, `scheme://host[:port]`. */
  origins: string[];
  /** Any http://localhost, 127.0.0.1 or [::1] port (development default). */
  localhost: boolean;
  /** Any origin at all (SUBSCRIPTIONS_ALLOWED_ORIGINS=*). */
  any?: boolean;
}

const ORIGIN = /^https?:\/\/[^/\s]+$/;
const LOCALHOST = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

export function originAllowed(policy: OriginPolicy, origin: string): boolean {
  return policy.any === true || policy.origins.includes(origin) || (policy.localhost && LOCALHOST.test(origin));
}

/** A comma-separated list of origins; each malformed one is added to `problems`. */
export function parseOrigins(name: string, raw: string, problems: string[]): string[] {
  const origins = raw.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!ORIGIN.test(origin)) problems.push(`${name}: ${origin} is not an origin (scheme://host[:port])`);
  }
  return origins;
}
