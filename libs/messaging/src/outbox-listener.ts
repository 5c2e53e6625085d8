import { Client } from 'pg';
import { errorFields, type MessagingLogger } from './logger';

/** The channel the outbox triggers notify (sql/messaging-tables.sql): its payload is the schema. */
export const OUTBOX_CHANNEL = 'pgov_outbox';

export interface OutboxListener {
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Marks a relay awake (the schema's "awake" advisory lock, on this connection): writers stop
   * notifying until releaseAwake(). False when another relay is awake, a writer is looking at the
   * lock at that instant, or the connection is down: then writers go on notifying.
   */
  holdAwake(): Promise<boolean>;
  /** Lets go of "awake" (nothing when not held): writers notify again from here on. */
  releaseAwake(): Promise<void>;
  /**
   * Whether no writer that saw "awake" held is still in flight (takes and drops "writing"): call it
   * after releaseAwake(); then one more claim sees the rows of all of them. True when the connection
   * is down (the poll finds those rows).
   */
  writersQuiet(): Promise<boolean>;
}

// The keys of the outbox trigger (sql/messaging-tables.sql), per schema.
const AWAKE = `hashtext('pgov.outbox.awake'), hashtext($1)`;
const WRITING = `hashtext('pgov.outbox.writing'), hashtext($1)`;

/**
 * LISTENs on the outbox channel with a connection of its own and calls `onNotify` when a
 * transaction that wrote outbox rows in `schema` commits, so the relay publishes at once instead
 * of at its next poll. A lost connection is retried with back-off; meanwhile the relay's poll
 * still finds every row, only later.
 *
 * The same connection holds the "awake" lock while the relay is busy: a NOTIFY serializes the
 * commits of every notifying transaction of the database (PostgreSQL holds a lock on its
 * notification queue from pre-commit to the end of commit, fsync included), so under load writers
 * send none and the relay keeps claiming on its own. The protocol, with the trigger:
 * - a writer takes "writing" shared until it commits, then notifies only if it can take "awake"
 *   shared, i.e. no relay holds it (and lets go of it at once: held to its commit it would keep a
 *   relay from waking while writers keep coming);
 * - a relay about to sleep lets go of "awake" first, then takes and drops "writing": it succeeds only
 *   once every writer that saw "awake" held has committed, whose rows its next claim then sees;
 *   writers after the let-go notify. No row waits for a poll.
 */
export function createOutboxListener(options: {
  connectionString: string;
  schema?: string;
  onNotify: () => void;
  logger: MessagingLogger;
  maxBackoffMs?: number;
}): OutboxListener {
  // Prisma-style URLs name the schema in ?schema=; PostgreSQL's default otherwise.
  const schema = options.schema ?? (URL.canParse(options.connectionString) ? new URL(options.connectionString).searchParams.get('schema') : null) ?? 'public';
  const log = { component: 'outbox-listener' };
  let client: Client | undefined;
  let running = false;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;
  // Whether `client`'s session holds "awake" (the server lets go when the session ends).
  let held = false;

  async function connect(): Promise<void> {
    const c = new Client({ connectionString: options.connectionString });
    c.on('notification', (n) => {
      if (n.channel === OUTBOX_CHANNEL && (!n.payload || n.payload === schema)) options.onNotify();
    });
    c.on('error', (error) => {
      options.logger.warn({ ...log, ...errorFields(error) }, 'outbox listener connection lost; polling meanwhile');
      if (client === c) {
        client = undefined;
        held = false;
      }
      void c.end().catch(() => undefined);
      scheduleReconnect();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      await c.end().catch(() => undefined);
      throw error;
    }
    client = c;
    held = false;
    failures = 0;
    // Rows written while not listening are the poll's; wake once to take them now.
    options.onNotify();
  }

  function scheduleReconnect(): void {
    if (!running || retry) return;
    failures += 1;
    const delay = Math.min(options.maxBackoffMs ?? 30_000, 200 * 2 ** Math.min(failures, 8));
    retry = setTimeout(() => {
      retry = undefined;
      if (!running) return;
      connect().catch((error: unknown) => {
        options.logger.warn({ ...log, ...errorFields(error), failures }, 'outbox listener could not reconnect; will retry');
        scheduleReconnect();
      });
    }, delay);
    retry.unref();
  }

  return {
    async start() {
      running = true;
      try {
        await connect();
      } catch (error) {
        options.logger.warn({ ...log, ...errorFields(error) }, 'outbox listener could not connect; polling meanwhile');
        scheduleReconnect();
      }
    },
    async stop() {
      running = false;
      clearTimeout(retry);
      retry = undefined;
      const c = client;
      client = undefined;
      held = false;
      await c?.end().catch(() => undefined);
    },
    async holdAwake() {
      const c = client;
      if (!c) return false;
      if (held) return true;
      const { rows } = await c.query<{ held: boolean }>(`SELECT pg_try_advisory_lock(${AWAKE}) AS held`, [schema]);
      held = client === c && rows[0]!.held;
      return held;
    },
    async releaseAwake() {
      const c = client;
      if (!c || !held) return;
      held = false;
      await c.query(`SELECT pg_advisory_unlock(${AWAKE})`, [schema]);
    },
    async writersQuiet() {
      const c = client;
      if (!c) return true;
      const { rows } = await c.query<{ quiet: boolean }>(`SELECT CASE WHEN pg_try_advisory_lock(${WRITING}) THEN pg_advisory_unlock(${WRITING}) ELSE false END AS quiet`, [schema]);
      return rows[0]!.quiet;
    },
  };
}
