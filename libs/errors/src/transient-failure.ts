/**
 * Whether an error means that the database, or the way to it, failed for a moment: the connection
 * was refused, reset or terminated (a restart, a failover), the pool or the server had no
 * connection to give, or the transaction lost a serialization conflict or a deadlock. The same
 * call, made again a little later, may succeed; its transaction was rolled back (unless the
 * connection was lost during the COMMIT itself, whose outcome nobody on this side can know).
 *
 * Decided from the error's structure, never from the database's text (the server may word it in
 * another language, and it is not ours to show): Prisma's error codes, the driver adapter's error
 * kinds (@prisma/driver-adapter-utils), PostgreSQL's SQLSTATE, Node's socket error codes. Prisma 7
 * wraps a driver adapter error in its own (meta.driverAdapterError), so one query's failure can
 * carry its meaning at any of those levels; every link of the chain is looked at.
 */
export function isTransientFailure(error: unknown): boolean {
  return links(error).some(isTransientLink);
}

/**
 * SQLSTATEs: connection exceptions (08…), the server shutting down, crashed or starting up (57P01,
 * 57P02, 57P03), no connection slot left (53300), and the two conflicts a retry resolves (40001,
 * 40P01). Not 08007 (the commit's outcome is unknown) nor 08P01 (a protocol error is a bug).
 */
const TRANSIENT_SQLSTATES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300', '40001', '40P01']);

/** The driver adapter's kinds of the same moments (@prisma/adapter-pg maps SQLSTATEs and socket errors to these). */
const TRANSIENT_ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TransactionWriteConflict',
  'TransactionAlreadyClosed',
]);

/**
 * Prisma's codes of the same moments: can't reach (P1001), timed out reaching (P1002), operation
 * timed out (P1008), connection closed (P1017), pool timeout (P2024, Prisma's own pool before
 * driver adapters), write conflict or deadlock (P2034), too many connections (P2037).
 */
const TRANSIENT_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2034', 'P2037']);

/** Node's socket errors (they come with a syscall). */
const TRANSIENT_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * The exceptions to "structure, not text": errors that node-postgres and Prisma raise as a bare
 * Error (or under a code shared with programming errors) with a fixed English text of their own
 * and nothing else to tell them by. Each is provoked for real in the tests (here and in
 * apps/clues/test/transient-failure.spec.ts), so an upgrade that rewords one fails there.
 */
const LIBRARY_TEXTS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [
    'Error',
    new Set([
      // node-postgres (pg/lib/client.js): the socket ended without a word from the server; or it
      // did end, and the transaction's client is asked for its next statement.
      'Connection terminated unexpectedly',
      'Client has encountered a connection error and is not queryable',
      // pg-pool: no connection within connectionTimeoutMillis (the pool timeout), or the connect itself timed out.
      'timeout exceeded when trying to connect',
      'Connection terminated due to connection timeout',
    ]),
  ],
  // Prisma's interactive transaction got no connection within maxWait: its pool timeout under driver
  // adapters. P2028 also covers misuse of a closed transaction, which is a bug; hence the text.
  ['PrismaClientKnownRequestError', new Set(['Transaction API error: Unable to start a transaction in the given time.'])],
]);

type Link = Record<string, unknown>;

function isTransientLink(e: Link): boolean {
  const { name, code, message } = e;
  if (typeof name === 'string' && name.startsWith('PrismaClient')) {
    // Known request errors carry `code`, initialization errors `errorCode`.
    if (TRANSIENT_PRISMA_CODES.has(String(code ?? e['errorCode']))) return true;
  }
  // A driver adapter's mapped error (the `cause` of a DriverAdapterError).
  if (typeof e['kind'] === 'string') {
    if (TRANSIENT_ADAPTER_KINDS.has(e['kind'])) return true;
    if (TRANSIENT_SQLSTATES.has(String(e['originalCode'] ?? (e['kind'] === 'postgres' ? code : '')))) return true;
  }
  // node-postgres' DatabaseError: an ErrorResponse of the server, with its severity and SQLSTATE.
  if (typeof e['severity'] === 'string' && TRANSIENT_SQLSTATES.has(String(code))) return true;
  if (typeof e['syscall'] === 'string' && TRANSIENT_SOCKET_CODES.has(String(code))) return true;
  return typeof name === 'string' && typeof message === 'string' && (LIBRARY_TEXTS.get(name)?.has(message) ?? false);
}

/**
 * The error and what it wraps: `cause` (a DriverAdapterError's mapped error, Error's cause),
 * `originalError` (a GraphQL error's), `thrownValue` (graphql-js' wrapper of what is not an Error
 * of its realm), Prisma's meta.driverAdapterError, an AggregateError's errors.
 */
function links(error: unknown): Link[] {
  const seen = new Set<unknown>();
  const out: Link[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && out.length < 20) {
    const e = queue.shift();
    if (typeof e !== 'object' || e === null || seen.has(e)) continue;
    seen.add(e);
    const link = e as Link;
    out.push(link);
    const meta = link['meta'];
    queue.push(link['cause'], link['originalError'], link['thrownValue'], typeof meta === 'object' && meta !== null ? (meta as Link)['driverAdapterError'] : undefined);
    if (Array.isArray(link['errors'])) queue.push(...link['errors']);
  }
  return out;
}
