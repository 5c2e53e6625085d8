/**
 * Demo traffic through the gateway, as the front ends would send it, in every district: a city
 * administrator lists grid workers, some of them submit clues with their own tokens, the district's
 * procurator accepts them (one is risk-assessed, backs a recommendation and goes on to a case) or, in
 * every other district, rejects the last one; in two districts of three the agency's reply to the
 * recommendation and its follow-up check (回头看) are recorded; the district's clerk records a training. Events
 * then flow to the grids service (points for accepted clues and cases) and the indicators service.
 * The city administrator sets one district's own reward and makes one manual adjustment.
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
// Varied, so that the adoption and rectification rates are not all 100% in the demo.
const ADOPTIONS = ['ADOPTED', 'PARTLY_ADOPTED', 'ADOPTED', 'NOT_ADOPTED'] as const;

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

  const send = async (identity: Identity, query: string, variables: Record<string, unknown>) => {
    const res = await graphql<Record<string, { id: string }>>(url, query, variables, await token(identity));
    if (res.errors) throw new Error(`${query.slice(0, 60)}… failed: ${JSON.stringify(res.errors)}`);
    return res.data!;
  };
  const cityAdmin = { subject: 'demo-city-admin', name: '市院管理员', roles: [Role.CITY_ADMIN], district: '610100' };
  // 雁塔区 pays more for a clue that leads to a case (a district's own amount; others keep the default).
  await send(cityAdmin, `mutation($input: SetPointsRuleInput!) { setPointsRule(input: $input) { points } }`, {
    input: { districtCode: '610113', reason: 'CLUE_CASE_OPENED', points: 8 },
  });

  let submitted = 0;
  let accepted = 0;
  let rejected = 0;
  let replies = 0;
  let checks = 0;
  let cases = 0;
  let recommendations = 0;
  let trainings = 0;
  let firstWorker: string | undefined;
  for (const [index, district] of listing.data!.districts.filter((d) => d.code !== '610100').entries()) {
    const procurator = { subject: `demo-procurator-${district.code}`, name: '承办检察官', roles: [Role.PROCURATOR], district: district.code };
    const clerk = { subject: `demo-clerk-${district.code}`, name: '书记员', roles: [Role.CLERK], district: district.code };
    const members = district.grids.edges.flatMap((g) => g.node.members.edges.map((e) => e.node));
    const grids = district.grids.edges.map((e) => e.node);
    for (let i = 0; i < perDistrict && i < grids.length; i++) {
      const grid = grids[i]!;
      const worker = grid.members.edges.map((e) => e.node).find((m) => m.team === 'GRID_WORKER');
      if (!worker) continue;
      const n = submitted % TITLES.length;
      const res = await graphql(
        url,
        `mutation($input: SubmitClueInput!) { submitClue(input: $input) { id number } }`,
        { input: { title: `${TITLES[n]}（${grid.code}）`, description: '网格员巡查发现，现场已拍照留存。', category: CATEGORIES[n], gridCode: grid.code } },
        await token({ subject: worker.id, name: worker.name, roles: [Role.GRID_WORKER], district: district.code }),
      );
      if (res.errors) throw new Error(`submitClue failed: ${JSON.stringify(res.errors)}`);
      submitted += 1;
      firstWorker ??= worker.id;
      const clueId = (res.data as { submitClue: { id: string } }).submitClue.id;
      if (i > 0 && i === perDistrict - 1 && index % 2 === 1) {
        await send(procurator, `mutation($input: RejectClueInput!) { rejectClue(input: $input) { id } }`, {
          input: { clueId, reason: '经初步核查，反映问题不属于检察机关管辖范围，已告知向有关部门反映。' },
        });
        rejected += 1;
        continue;
      }
      await send(procurator, `mutation($input: AcceptClueInput!) { acceptClue(input: $input) { id } }`, { input: { clueId } });
      accepted += 1;
      if (i === 0) {
        await send(procurator, `mutation($input: AssessClueRiskInput!) { assessClueRisk(input: $input) { id } }`, {
          input: { clueId, level: 'MEDIUM', factors: ['MASS'], handlingPlan: '会同行政机关现场核查，做好群众解释工作。' },
        });
        const issued = await send(procurator, `mutation($input: IssueRecommendationInput!) { issueRecommendation(input: $input) { id } }`, {
          input: {
            kind: 'PUBLIC_INTEREST_PRE_LITIGATION',
            agencyName: '区生态环境局',
            agencyKind: '行政机关',
            title: `关于督促整治${TITLES[n]}问题的检察建议`,
            content: '经审查，建议依法履行监管职责，督促相关单位限期整改，并书面回复本院。',
            clueIds: [clueId],
          },
        });
        recommendations += 1;
        if (index % 3 !== 2) {
          const recommendationId = issued.issueRecommendation!.id;
          const adoption = ADOPTIONS[index % ADOPTIONS.length]!;
          await send(procurator, `mutation($input: RecordRecommendationReplyInput!) { recordRecommendationReply(input: $input) { id } }`, {
            input: { recommendationId, adoption, text: adoption === 'NOT_ADOPTED' ? '经研究，暂不具备整改条件，已说明理由。' : '已组织专项整治，相关单位正在限期整改。' },
          });
          replies += 1;
          const rectified = adoption !== 'NOT_ADOPTED' && index % 4 !== 1;
          await send(procurator, `mutation($input: RecordFollowUpCheckInput!) { recordFollowUpCheck(input: $input) { id } }`, {
            input: { recommendationId, rectified, note: rectified ? '回头看：现场复查，问题已整改到位。' : '回头看：现场复查，问题尚未整改。' },
          });
          checks += 1;
        }
        await send(procurator, `mutation($input: AssignClueInput!) { assignClue(input: $input) { id } }`, { input: { clueId, department: 'PUBLIC_INTEREST' } });
        await send(procurator, `mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }`, { input: { clueId } });
        cases += 1;
      }
    }
    const training = await send(clerk, `mutation($input: CreateTrainingInput!) { createTraining(input: $input) { id } }`, {
      input: { title: '检察公益诉讼线索发现业务培训', districtCode: district.code, heldOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) },
    });
    await send(clerk, `mutation($input: RecordTrainingAttendanceInput!) { recordTrainingAttendance(input: $input) { id } }`, {
      input: { trainingId: training.createTraining!.id, memberIds: members.map((m) => m.id) },
    });
    trainings += 1;
  }
  if (firstWorker) {
    await send(cityAdmin, `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { id } }`, {
      input: { memberId: firstWorker, points: 3, reason: '年度优秀检察信息员奖励' },
    });
  }
  console.log(
    `demo traffic: ${submitted} clues submitted by grid workers, ${accepted} accepted (${cases} led to cases, after a risk assessment) and ${rejected} rejected; ` +
      `${recommendations} recommendations issued, ${replies} replied to and ${checks} checked; ${trainings} trainings recorded; one manual adjustment`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
