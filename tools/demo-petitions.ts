/**
 * Demo traffic of the 12309 service centres through the gateway, in every district: letters and
 * visits registered by a clerk, procedural replies by the procurator (one letter left unanswered
 * past its 7 days, so the sweep announces it missed; one visit of 6 days ago unanswered and a letter
 * of 80 days ago answered but without a progress reply, so the sweep announces their deadlines
 * coming due), a first-time criminal appeal owned by the district's
 * leader, a petition referred as a clue in the pilot districts, and a public hearing with a panel of
 * the district's hearing officers, held and concluded.
 *
 *   npx tsx tools/demo-petitions.ts [--gateway http://127.0.0.1:4000/graphql]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mintToken, Role, type Identity } from '@pgov/auth';
import { residentIdCheckChar } from '@pgov/privacy';
import { graphql } from '@pgov/testing';

const KEY = join(__dirname, '..', '.run', 'keys', 'private.pem');
const DAY = 86_400_000;
const SURNAMES = '王李张刘陈杨赵黄周吴';

async function main() {
  const { values } = parseArgs({ options: { gateway: { type: 'string', default: 'http://127.0.0.1:4000/graphql' } } });
  const url = values.gateway!;
  const key = readFileSync(KEY, 'utf8');
  const send = async <T = Record<string, { id: string }>>(identity: Identity, query: string, variables: Record<string, unknown> = {}) => {
    const res = await graphql<T>(url, query, variables, await mintToken(key, identity, { expiresIn: '1h' }));
    if (res.errors) throw new Error(`${query.slice(0, 60)}… failed: ${JSON.stringify(res.errors)}`);
    return res.data!;
  };
  const admin = { subject: 'demo-city-admin', name: '市院管理员', roles: [Role.CITY_ADMIN], district: '610100' };
  const { districts } = await send<{ districts: { code: string; pilot: boolean; hearingOfficers: { edges: { node: { id: string } }[] } }[] }>(
    admin,
    `{ districts { code pilot hearingOfficers(first: 7) { edges { node { id } } } } }`,
  );
  let received = 0;
  let hearings = 0;
  let referrals = 0;
  let comingDue = 0;
  for (const [d, district] of districts.filter((x) => x.code !== '610100').entries()) {
    const clerk = { subject: `demo-clerk-${district.code}`, name: '书记员', roles: [Role.CLERK], district: district.code };
    const procurator = { subject: `demo-procurator-${district.code}`, name: '承办检察官', roles: [Role.PROCURATOR], district: district.code };
    const leader = { subject: `demo-leader-${district.code}`, name: '分管副检察长', roles: [Role.LEADER], district: district.code };
    const receive = async (category: string, daysAgo: number, firstTime = true) => {
      const first17 = `${district.code}1975${String((d % 12) + 1).padStart(2, '0')}${String((received % 28) + 1).padStart(2, '0')}${String(100 + received).slice(-3)}`;
      received += 1;
      const data = await send<{ receivePetition: { id: string } }>(clerk, `mutation($input: ReceivePetitionInput!) { receivePetition(input: $input) { id } }`, {
        input: {
          channel: daysAgo > 7 ? 'LETTER' : 'VISIT',
          category,
          firstTime,
          content: '反映相关案件处理问题，请求依法监督。',
          petitionerName: `${SURNAMES[received % SURNAMES.length]}某某`,
          petitionerIdNumber: first17 + residentIdCheckChar(first17),
          petitionerPhone: `139${String(10_000_000 + received * 7919).slice(-8)}`,
          receivedAt: new Date(Date.now() - daysAgo * DAY).toISOString(),
        },
      });
      return data.receivePetition.id;
    };
    const replyTo = (petitionId: string, kind: string) =>
      send(procurator, `mutation($input: RecordPetitionReplyInput!) { recordPetitionReply(input: $input) { id } }`, {
        input: { petitionId, kind, text: kind === 'PROCEDURAL' ? '您的来信已收到，本院已依法受理。' : '经审查，现将办理结果答复如下。' },
      });

    const complaint = await receive('COMPLAINT', 3);
    await replyTo(complaint, 'PROCEDURAL');
    await receive('SUGGESTION', 9); // left unanswered past 7 days: the sweep announces it
    // Deadlines coming due (within the petitions service's warning windows, 2 and 15 days by default): the next sweep announces them.
    await receive('COMPLAINT', 6); // procedural reply due tomorrow
    const waiting = await receive('CIVIL_SUPERVISION', 80, false); // 3-month reply due in 10 to 12 days
    await replyTo(waiting, 'PROCEDURAL');
    comingDue += 2;
    const appeal = await receive('CRIMINAL_APPEAL', 20);
    await replyTo(appeal, 'PROCEDURAL');
    await send(procurator, `mutation($input: PetitionTransitionInput!) { startPetitionHandling(input: $input) { id } }`, { input: { petitionId: appeal } });
    await send(leader, `mutation($input: AssignPetitionOwnerInput!) { assignPetitionOwner(input: $input) { id } }`, {
      input: { petitionId: appeal, ownerSubject: leader.subject, ownerName: leader.name },
    });
    // Within three months: the first progress reply answers the 3-month deadline.
    await replyTo(appeal, 'PROGRESS');
    if (district.pilot) {
      const referred = await receive('CIVIL_SUPERVISION', 2);
      await send(procurator, `mutation($input: ReferPetitionInput!) { referPetition(input: $input) { id } }`, {
        input: { petitionId: referred, clueCategory: 'CIVIL', title: '信访反映企业拖欠务工人员工资', description: '信访人反映某企业长期拖欠工资，涉及人数较多，建议作为民事检察线索审查。' },
      });
      referrals += 1;
    }
    const officers = district.hearingOfficers.edges.map((e) => e.node.id);
    if (officers.length >= 3) {
      const disputed = await receive('ADMINISTRATIVE_SUPERVISION', 15);
      const panel = officers.slice(0, 5).map((memberId) => ({ memberId }));
      const { scheduleHearing } = await send<{ scheduleHearing: { id: string; panel: { id: string }[] } }>(
        procurator,
        `mutation($input: ScheduleHearingInput!) { scheduleHearing(input: $input) { id panel { id } } }`,
        { input: { petitionId: disputed, subject: '行政争议公开听证', scheduledFor: new Date(Date.now() + 60_000).toISOString(), venue: '区综治中心行政争议化解室', panel } },
      );
      await send(procurator, `mutation($input: HearingInput!) { holdHearing(input: $input) { id } }`, { input: { hearingId: scheduleHearing.id } });
      for (const [i, panelist] of scheduleHearing.panel.entries()) {
        await send(procurator, `mutation($input: RecordHearingOpinionInput!) { recordHearingOpinion(input: $input) { id } }`, {
          input: { hearingId: scheduleHearing.id, panelistId: panelist.id, opinion: i % 3 === 2 ? 'OPPOSE' : 'SUPPORT', text: '同意检察机关审查意见。' },
        });
      }
      await send(procurator, `mutation($input: ConcludeHearingInput!) { concludeHearing(input: $input) { id } }`, {
        input: { hearingId: scheduleHearing.id, adopted: true, administrativeDisputeResolved: true, conclusion: '采纳听证员多数意见，行政争议实质性化解。' },
      });
      hearings += 1;
    }
  }
  console.log(
    `demo petitions: ${received} petitions registered (${comingDue} deadlines coming due for the sweep to announce), ${referrals} referred as clues, ${hearings} public hearings held and concluded`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
