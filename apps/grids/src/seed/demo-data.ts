import { demoUuid, seededRandom } from '@pgov/demo-data';
import { DISTRICTS } from '@pgov/reference-data';
import { HEARING_OFFICER_KINDS, type HearingOfficerKind, type InformantRole, type MemberTeam } from '@pgov/contracts';
import { residentIdCheckChar } from '@pgov/privacy';

/**
 * Deterministic demo data for the grid network: the same seed gives the same streets, grids and
 * members (ids included), so other tools can address demo members without reading this database.
 */
export interface DemoScale {
  streetsPerDistrict: number;
  communitiesPerStreet: number;
  gridsPerCommunity: number;
  membersPerGrid: number;
}

export const SCALES: Record<'demo' | 'large', DemoScale> = {
  demo: { streetsPerDistrict: 2, communitiesPerStreet: 2, gridsPerCommunity: 3, membersPerGrid: 2 },
  large: { streetsPerDistrict: 10, communitiesPerStreet: 8, gridsPerCommunity: 10, membersPerGrid: 4 },
};

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂';

export interface DemoStreet { id: string; code: string; name: string; districtCode: string }
export interface DemoCommunity { id: string; code: string; name: string; streetId: string; districtCode: string }
export interface DemoGrid { code: string; name: string; communityId: string; districtCode: string }
export interface DemoMember {
  id: string;
  name: string;
  team: MemberTeam;
  informantRoles: InformantRole[];
  status: 'ACTIVE' | 'SUSPENDED';
  gridCode: string;
  districtCode: string;
  /** In clear here; the seed encrypts them before they reach the database. */
  phone: string;
  idNumber: string;
  joinedOn: Date;
  hearingOfficerKind: HearingOfficerKind | null;
}

/** Every grid's first member is its grid worker; the others take the other teams in turn. */
const OTHER_TEAMS: readonly MemberTeam[] = ['SUPERVISOR', 'COMMUNITY_PROCURATOR', 'HEARING_OFFICER', 'PROCURATOR_ASSISTANT'];

const BIRTH_DAYS = 14_600; // 1960-01-01 plus about 40 years

/**
 * The n-th member of a district gets a distinct birth date (7919 is prime to BIRTH_DAYS, so this
 * walks every day once), which keeps demo ID numbers unique up to 14,600 members per district.
 */
function birthDate(n: number): string {
  const day = new Date(Date.UTC(1960, 0, 1) + ((n * 7919) % BIRTH_DAYS) * 86_400_000);
  return day.toISOString().slice(0, 10).replace(/-/g, '');
}

/** Yields the network district by district, so a large scale never sits in memory whole. */
export function* demoNetwork(seed: number, scale: DemoScale) {
  const random = seededRandom(seed);
  const pick = (s: string) => s[Math.floor(random() * s.length)]!;
  for (const [districtIndex, district] of DISTRICTS.entries()) {
    const streets: DemoStreet[] = [];
    const communities: DemoCommunity[] = [];
    const grids: DemoGrid[] = [];
    const members: DemoMember[] = [];
    let districtMembers = 0;
    let otherMembers = 0;
    let officers = 0;
    for (let s = 1; s <= scale.streetsPerDistrict; s++) {
      const streetCode = `${district.code}-${String(s).padStart(3, '0')}`;
      const street = { id: demoUuid(seed, `street:${streetCode}`), code: streetCode, name: `${district.name}第${s}街道`, districtCode: district.code };
      streets.push(street);
      for (let c = 1; c <= scale.communitiesPerStreet; c++) {
        const communityCode = `${streetCode}-${String(c).padStart(3, '0')}`;
        const community = { id: demoUuid(seed, `community:${communityCode}`), code: communityCode, name: `${street.name}第${c}社区`, streetId: street.id, districtCode: district.code };
        communities.push(community);
        for (let g = 1; g <= scale.gridsPerCommunity; g++) {
          const gridCode = `${communityCode}-${String(g).padStart(2, '0')}`;
          grids.push({ code: gridCode, name: `${community.name}第${g}网格`, communityId: community.id, districtCode: district.code });
          for (let m = 1; m <= scale.membersPerGrid; m++) {
            const worker = m === 1;
            const team = worker ? 'GRID_WORKER' : OTHER_TEAMS[otherMembers++ % OTHER_TEAMS.length]!;
            // Kinds start at a different place in each district, so the city has every kind.
            const hearingOfficerKind = team === 'HEARING_OFFICER' ? HEARING_OFFICER_KINDS[(districtIndex + officers++) % HEARING_OFFICER_KINDS.length]! : null;
            const birth = birthDate(districtMembers++);
            const first17 = `${district.code}${birth}${String(Math.floor(random() * 1000)).padStart(3, '0')}`;
            members.push({
              id: demoUuid(seed, `member:${gridCode}:${m}`),
              name: pick(SURNAMES) + pick(GIVEN) + (random() < 0.5 ? pick(GIVEN) : ''),
              team,
              // Most grid workers are also information officers; a few grids stay uncovered. Only grid workers hold informant roles.
              informantRoles: worker ? (random() < 0.8 ? ['INFORMATION_OFFICER'] : ['PUBLICIST']) : [],
              status: random() < 0.95 ? 'ACTIVE' : 'SUSPENDED',
              gridCode,
              districtCode: district.code,
              phone: `1${3 + Math.floor(random() * 7)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`,
              idNumber: first17 + residentIdCheckChar(first17),
              joinedOn: new Date(Date.UTC(2020 + Math.floor(random() * 6), Math.floor(random() * 12), 1 + Math.floor(random() * 28))),
              hearingOfficerKind,
            });
          }
        }
      }
    }
    yield { district, streets, communities, grids, members };
  }
}

export { demoUuid };
