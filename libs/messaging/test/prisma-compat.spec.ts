// Compile-time check that a Prisma 7 client and a pino logger plug into this library as they are.
// The client shape mirrors what `prisma generate` (prisma-client generator) declares: the array and
// interactive $transaction overloads in that order, the tx client = Omit<PrismaClient, deny list>.
import pino from 'pino';
import type { ITXClientDenyList } from '@prisma/client/runtime/client';
import { clueSubmitted } from '@pgov/contracts';
import {
  createEventConsumer,
  createKafka,
  createOutboxRelay,
  enqueueEvent,
  on,
  type MessagingLogger,
} from '../src';

type PrismaPromise<T> = Promise<T> & { [Symbol.toStringTag]: 'PrismaPromise' };

interface GeneratedPrismaClient {
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
  $executeRawUnsafe<_T = unknown>(query: string, ...values: unknown[]): PrismaPromise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PrismaPromise<T>;
  $transaction<P extends PrismaPromise<unknown>[]>(arg: [...P], options?: { isolationLevel?: 'Serializable' }): Promise<unknown[]>;
  $transaction<R>(
    fn: (prisma: Omit<GeneratedPrismaClient, ITXClientDenyList>) => Promise<R>,
    options?: { maxWait?: number; timeout?: number; isolationLevel?: 'Serializable' },
  ): Promise<R>;
  clue: { update(args: { where: { id: string }; data: { state: string } }): PrismaPromise<{ id: string }> };
}

type TxClient = Omit<GeneratedPrismaClient, ITXClientDenyList>;

// Never called: it only has to compile.
export function wiring(prisma: GeneratedPrismaClient): unknown {
  const logger: MessagingLogger = pino({ level: 'silent' });
  const kafka = createKafka({ clientId: 'clues', brokers: '127.0.0.1:9092', logger });
  const write = prisma.$transaction(async (tx) => {
    await tx.clue.update({ where: { id: 'c' }, data: { state: 'ACCEPTED' } });
    await enqueueEvent(tx, clueSubmitted, {} as never);
  });
  const relay = createOutboxRelay({ db: prisma, kafka, logger, pollIntervalMs: 200, batchSize: 100 });
  const consumer = createEventConsumer({
    kafka,
    groupId: 'indicators',
    db: prisma,
    logger,
    handlers: [
      on(clueSubmitted, async (envelope, tx: TxClient) => {
        const category: string = envelope.data.category;
        await tx.clue.update({ where: { id: envelope.subject }, data: { state: category } });
      }),
    ],
  });
  return [write, relay, consumer];
}

it('a Prisma client and a pino logger fit the library types', () => {
  expect(typeof wiring).toBe('function');
});
