/**
 * apps/gateway/client-schema.graphql — what front-end codegen reads: the API schema with the
 * gateway's Subscription type — must be what the committed supergraph gives today. Fix a failure
 * with `npx tsx apps/gateway/src/print-client-schema.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertObjectType, buildSchema } from 'graphql';
import { clientSchemaFile } from '../src/subscriptions/client-schema';

const gateway = join(__dirname, '..');

describe('client schema (API schema + Subscription)', () => {
  it('is up to date with the supergraph and the Subscription schema', () => {
    const expected = clientSchemaFile(readFileSync(join(gateway, 'supergraph.graphql'), 'utf8'));
    expect(readFileSync(join(gateway, 'client-schema.graphql'), 'utf8')).toBe(expected);
  });

  it('names the federated entities in the subscription payloads', () => {
    const schema = buildSchema(readFileSync(join(gateway, 'client-schema.graphql'), 'utf8'));
    const fields = schema.getSubscriptionType()?.getFields() ?? {};
    expect(Object.keys(fields).sort()).toEqual(['clueQueueChanged', 'indicatorAlertRaised', 'petitionDeadline', 'recommendationOverdue']);
    expect(String(fields['indicatorAlertRaised']?.type)).toBe('IndicatorAlert!');
    expect(String(assertObjectType(schema.getType('ClueQueueChange')).getFields()['clue']?.type)).toBe('Clue!');
  });
});
