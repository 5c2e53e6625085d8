// Test events: the real clues.clue.submitted contract on a topic of its own per test.
import { randomUUID } from 'node:crypto';
import {
  buildEnvelope,
  clueSubmitted,
  defineEvent,
  type ClueSubmittedData,
  type EventDefinition,
  type EventEnvelope,
} from '@pgov/contracts';

export type TestEvent = EventDefinition<ClueSubmittedData>;

/** `clues.clue.submitted` v1 on `clues.clue-<suffix>.v1`, same schema as the real contract. */
export function clueEventOnOwnTopic(suffix: string): TestEvent {
  return defineEvent<ClueSubmittedData>({
    type: clueSubmitted.type,
    version: clueSubmitted.version,
    topic: `clues.clue-${suffix}.v1`,
    aggregate: `clue-${suffix}`,
    partnerReadable: clueSubmitted.partnerReadable,
    description: 'test copy of clues.clue.submitted',
    dataSchema: clueSubmitted.dataSchema as never,
  });
}

/** A valid envelope for clue `clueId`; `position` goes into the clue number so order can be checked. */
export function clueEnvelope(def: TestEvent, clueId: string = randomUUID(), position = 1): EventEnvelope<ClueSubmittedData> {
  return buildEnvelope(
    def,
    {
      subject: clueId,
      district: '610113',
      data: {
        clueId,
        number: `610113-2026-${String(position).padStart(6, '0')}`,
        districtCode: '610113',
        gridCode: null,
        source: 'HOTLINE_12309',
        category: 'CIVIL',
        reporterMemberId: null,
        submittedAt: new Date().toISOString(),
      },
    },
    { source: 'clues' },
  );
}

export function positionOf(envelope: EventEnvelope<ClueSubmittedData>): number {
  return Number(envelope.data.number.slice(-6));
}
