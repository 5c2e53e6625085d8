import type { AnyEventDefinition } from '@pgov/contracts';
import type { EventHandler } from '@pgov/messaging';
import type { CluesDeps } from '../context';
import type { Prisma } from '../generated/prisma/client';

/** Handlers of the inbound topics: petition referrals, grid-centre referrals, community corrections (filled in by their owner). */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function inboundHandlers(deps: CluesDeps): EventHandler<AnyEventDefinition, Prisma.TransactionClient>[] {
  return [];
}
