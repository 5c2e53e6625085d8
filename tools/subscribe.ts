/**
 * Prints a district's live updates as the gateway sends them (graphql-ws over WebSocket), one JSON
 * line per event, until interrupted.
 *
 *   npx tsx tools/subscribe.ts --district 610113 [--role PROCURATOR] [--what clues,petitions,alerts,recommendations]
 *   options: --gateway ws://127.0.0.1:4000/graphql   --token <jwt> (default: a dev token, .run/keys, 8 h)
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { isDistrictCode, isRole, mintToken, type Role } from '@pgov/auth';
import { ensureDevKeys } from './dev-keys';

const SUBSCRIPTIONS: Record<string, string> = {
  clues: `subscription($d: ID!) { clueQueueChanged(districtCode: $d) { kind at clue { number title status department } } }`,
  petitions: `subscription($d: ID!) { petitionDeadline(districtCode: $d) { kind reply dueAt onTime petition { id status category nextDueAt } } }`,
  alerts: `subscription($d: ID) { indicatorAlertRaised(districtCode: $d) { districtCode periodKind period value target indicator { code name } } }`,
  recommendations: `subscription($d: ID!) { recommendationOverdue(districtCode: $d) { replyDueOn overdueAt recommendation { documentNumber agencyName status } } }`,
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      district: { type: 'string' },
      role: { type: 'string', default: 'PROCURATOR' },
      what: { type: 'string', default: Object.keys(SUBSCRIPTIONS).join(',') },
      gateway: { type: 'string', default: 'ws://127.0.0.1:4000/graphql' },
      token: { type: 'string' },
    },
    strict: true,
  });
  const district = values.district;
  if (!district || !isDistrictCode(district)) throw new Error('usage: npx tsx tools/subscribe.ts --district 610113 [--role PROCURATOR] [--what clues,petitions,alerts,recommendations]');
  if (!isRole(values.role)) throw new Error(`unknown role ${values.role}`);
  const what = values.what.split(',').map((w) => w.trim());
  for (const w of what) if (!SUBSCRIPTIONS[w]) throw new Error(`--what: ${w} is not one of ${Object.keys(SUBSCRIPTIONS).join(', ')}`);

  const token =
    values.token ??
    (await mintToken(readFileSync((await ensureDevKeys()).privateKeyFile, 'utf8'), { subject: `dev-subscriber-${district}`, name: '订阅者', roles: [values.role as Role], district }, { expiresIn: '8h' }));
  const client = createClient({ url: values.gateway, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 3 });
  console.error(`subscribed to ${what.join(', ')} of ${district} at ${values.gateway} (Ctrl-C to stop)`);
  await Promise.all(
    what.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          client.subscribe(
            { query: SUBSCRIPTIONS[w] ?? '', variables: { d: district } },
            { next: (result) => console.log(JSON.stringify({ [w]: result.data ?? null, ...(result.errors ? { errors: result.errors } : {}) })), error: reject, complete: resolve },
          );
        }),
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : JSON.stringify(error));
  process.exit(1);
});
