import { identityFromAuthorizationHeader, tokenExpiresAt, type TokenVerifier } from '@pgov/auth';
import type { LiveSession } from './live-execution';

/** Verifies a bearer header (throws AuthError as the HTTP path does) and keeps what a long-lived subscription needs. */
export async function openSession(verifier: TokenVerifier, authorization: unknown, requestId: string): Promise<LiveSession> {
  const header = typeof authorization === 'string' ? authorization.trim() : undefined;
  const identity = await identityFromAuthorizationHeader(verifier, header);
  const bearer = header ?? '';
  return { identity, authorization: bearer, expiresAt: tokenExpiresAt(bearer), requestId };
}

/** setTimeout's longest delay (about 24.8 days); a later expiry re-arms. */
const MAX_DELAY = 2 ** 31 - 1;

/** Calls `expired` when the session's token expires; returns the cancel function. */
export function whenExpired(session: LiveSession, expired: () => void): () => void {
  if (session.expiresAt === undefined) return () => undefined;
  const expiresAt = session.expiresAt;
  let timer: NodeJS.Timeout;
  const arm = () => {
    const left = expiresAt - Date.now();
    timer = setTimeout(left > MAX_DELAY ? arm : expired, Math.max(0, Math.min(left, MAX_DELAY)));
    timer.unref();
  };
  arm();
  return () => clearTimeout(timer);
}

/** Open WebSockets and HTTP subscription streams per user (token subject), bounded. */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly maxPerUser: number) {}

  /** Takes a slot for `subject`; false when the user already holds the maximum. */
  acquire(subject: string): boolean {
    const held = this.open.get(subject) ?? 0;
    if (held >= this.maxPerUser) return false;
    this.open.set(subject, held + 1);
    return true;
  }

  release(subject: string): void {
    const held = (this.open.get(subject) ?? 0) - 1;
    if (held > 0) this.open.set(subject, held);
    else this.open.delete(subject);
  }

  get total(): number {
    let sum = 0;
    for (const n of this.open.values()) sum += n;
    return sum;
  }
}
