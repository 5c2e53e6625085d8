import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApi, renderAsyncApi } from './asyncapi';
import { allEvents } from './registry';

describe('AsyncAPI document', () => {
  it('is checked in up to date (regenerate: npx nx run contracts:asyncapi)', () => {
    const checkedIn = readFileSync(join(__dirname, '..', 'asyncapi.json'), 'utf8');
    expect(checkedIn).toBe(renderAsyncApi());
  });

  it('has a channel per topic and DLQ, and a message per event', () => {
    const doc = buildAsyncApi() as {
      asyncapi: string;
      channels: Record<string, { address: string; 'x-partner-readable': boolean }>;
      components: { messages: Record<string, { payload: unknown }> };
    };
    expect(doc.asyncapi).toBe('3.0.0');
    expect(Object.keys(doc.channels).sort()).toEqual([
      'clues.clue.v1',
      'clues.clue.v1.dlq',
      'clues.recommendation.v1',
      'clues.recommendation.v1.dlq',
      'corrections.person.v1',
      'corrections.person.v1.dlq',
      'gridcentre.referral.v1',
      'gridcentre.referral.v1.dlq',
      'grids.hierarchy.v1',
      'grids.hierarchy.v1.dlq',
      'grids.member.v1',
      'grids.member.v1.dlq',
      'grids.training.v1',
      'grids.training.v1.dlq',
      'indicators.alert.v1',
      'indicators.alert.v1.dlq',
      'petitions.hearing.v1',
      'petitions.hearing.v1.dlq',
      'petitions.petition.v1',
      'petitions.petition.v1.dlq',
      'petitions.referral.v1',
      'petitions.referral.v1.dlq',
    ]);
    expect(doc.channels['clues.clue.v1']?.['x-partner-readable']).toBe(false);
    expect(doc.channels['petitions.petition.v1']?.['x-partner-readable']).toBe(true);
    expect(doc.channels['grids.member.v1']?.['x-partner-readable']).toBe(false);
    expect(doc.channels['grids.hierarchy.v1']?.['x-partner-readable']).toBe(true);
    for (const def of allEvents) {
      expect(doc.components.messages[`${def.type}.v${def.version}`]?.payload).toEqual(def.envelopeSchema);
    }
  });

  it('uses only standard JSON Schema (no nullable)', () => {
    expect(renderAsyncApi()).not.toContain('"nullable"');
  });
});
