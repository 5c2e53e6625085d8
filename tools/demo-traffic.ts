/**
 * Demo traffic through the gateway, as the front ends would send it: a city administrator lists
 * grid workers, then some of them submit clues with their own tokens. Events then flow to the
 * grids service (points) and the indicators service (clues received from grids).
 *
 *   npx tsx tools/demo-traffic.ts [--gateway http://127.0.0.1:4000/graphql] [--clues 3]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mintToken, Role, type Identity } from '@pgov/auth';
import { graphql } from '@pgov/testing';

const KEY = join(__dirname, '..', '.run', 'keys', 'private.pem');
const CATEGORIES = ['PUBLIC_INTEREST_ECOLOGY', 'PUBLIC_INTEREST_FOOD_DRUG', 'PUBLIC_INTEREST_WORK_SAFETY', 'CRIMINAL', 'CIVIL'];
const TITLES = ['河道夜间排污', '无证食品作坊', '建筑工地安全隐患', '未成年人进入网吧', '占用耕地建房'];

async function main() {
  const { values } = parseArgs({ options: { gateway: { type: 'string', default: 'http://127.0.0.1:4000/graphql' }, clues: { type: 'string', default: '2' } } });
  const url = values.gateway!;
  const perDistrict = Number(values.clues);
  const key = readFileSync(KEY, 'utf8');
  const token = (identity: Identity) => mintToken(key, identity, { expiresIn: '1h' });
  const admin = await token({ subject: 'demo-city-admin', name: '市院管理员', roles: [Role.CITY_ADMIN], district: '610100' });

  const listing = await graphql<{ districts: { code: string; grids: { edges: { node: { code: string; members: { edges: { node: { id: string; name: string; team: string } }[] } } }[] } }[] }>(
    url,
    `{ districts { code grids(first: 3) { edges { node { code members(first: 5) { edges { node { id name team } } } } } } } }`,
    {},
    admin,
  );
  if (listing.errors) throw new Error(`listing grid workers failed: ${JSON.stringify(listing.errors)}`);

  let submitted = 0;
  for (const district of listing.data!.districts.filter((d) => d.code !== '610100')) {
    const grids = district.grids.edges.map((e) => e.node);
    for (let i = 0; i < perDistrict && i < grids.length; i++) {
      const grid = grids[i]!;
      const worker = grid.members.edges.map((e) => e.node).find((m) => m.team === 'GRID_WORKER');
      if (!worker) continue;
      const n = submitted % TITLES.length;
      const res = await graphql(
        url,
        `mutation($input: SubmitClueInput!) { submitClue(input: $input) { number } }`,
        { input: { title: `${TITLES[n]}（${grid.code}）`, description: '网格员巡查发现，现场已拍照留存。', category: CATEGORIES[n], gridCode: grid.code } },
        await token({ subject: worker.id, name: worker.name, roles: [Role.GRID_WORKER], district: district.code }),
      );
      if (res.errors) throw new Error(`submitClue failed: ${JSON.stringify(res.errors)}`);
      submitted += 1;
    }
  }
  console.log(`demo traffic: ${submitted} clues submitted through the gateway by grid workers`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
