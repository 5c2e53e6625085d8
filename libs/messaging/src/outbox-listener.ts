import { Client } from 'pg';
import { errorFields, type MessagingLogger } from './logger';

/** The channel the outbox triggers notify (sql/messaging-tables.sql): its payload is the schema. */
export const OUTBOX_CHANNEL = 'pgov_outbox';

export interface OutboxListener {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * LISTENs on the outbox channel with a connection of its own and calls `onNotify` when a
 * transaction that wrote outbox rows in `schema` commits, so the relay publishes at once instead
 * of at its next poll. A lost connection is retried with back-off; meanwhile the relay's poll
 * still finds every row, only later.
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

  async function connect(): Promise<void> {
    const c = new Client({ connectionString: options.connectionString });
    c.on('notification', (n) => {
      if (n.channel === OUTBOX_CHANNEL && (!n.payload || n.payload === schema)) options.onNotify();
    });
    c.on('error', (error) => {
      options.logger.warn({ ...log, ...errorFields(error) }, 'outbox listener connection lost; polling meanwhile');
      if (client === c) client = undefined;
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
      await c?.end().catch(() => undefined);
    },
  };
}
