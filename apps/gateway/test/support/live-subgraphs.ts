/**
 * Tiny subgraphs that answer the entity queries of the gateway's subscriptions with the real
 * rules' shape: another district's record is null (as if it did not exist), a grid worker sees
 * only the clues they reported, a clue's reporter is FORBIDDEN to all but procurators and leaders
 * of the district and the city admin. Each verifies the forwarded token itself.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { canAccessDistrict, hasRole, requireIdentity, Role, type Identity, type TokenVerifier } from '@pgov/auth';
import { startSubgraph, type TestSubgraph } from './subgraphs';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

export const GRIDS_SDL = `${LINK}
  type Query { member(id: ID!): Member }
  type Member @key(fields: "id") { id: ID!, name: String! }
`;

export const CLUES_SDL = `${LINK}
  type Query { clue(id: ID!): Clue, recommendation(id: ID!): Recommendation }
  type Member @key(fields: "id", resolvable: false) { id: ID! }
  type Clue @key(fields: "id") { id: ID!, number: String!, title: String!, status: String!, districtCode: ID!, reporter: Member }
  type Recommendation @key(fields: "id") { id: ID!, documentNumber: String!, districtCode: ID!, agencyName: String!, status: String! }
`;

export const DESK_SDL = `${LINK}
  enum ReplyKind { PROCEDURAL PROGRESS RESULT }
  enum PeriodKind { MONTH QUARTER YEAR }
  type Query {
    petition(id: ID!): Petition
    indicatorAlerts(districtCode: ID, indicatorCode: ID, periodKind: PeriodKind, first: Int = 20, after: String): IndicatorAlertConnection!
  }
  type Petition @key(fields: "id") { id: ID!, districtCode: ID!, status: String!, nextDueAt: String }
  type Indicator @key(fields: "code") { code: ID!, name: String! }
  type IndicatorAlert { indicator: Indicator!, districtCode: ID!, periodKind: PeriodKind!, period: String!, value: Float!, target: Float!, raisedAt: String! }
  type IndicatorAlertEdge { cursor: String!, node: IndicatorAlert! }
  type IndicatorAlertConnection { edges: [IndicatorAlertEdge!]!, totalCount: Int! }
`;

export interface TestClue {
  id: string;
  number: string;
  title: string;
  status: string;
  districtCode: string;
  reporterMemberId: string | null;
  /** The token subject of the grid worker who reported it (a grid worker sees their own clues only). */
  reporterSubject: string | null;
}

export interface TestAlert {
  indicatorCode: string;
  districtCode: string;
  periodKind: 'MONTH' | 'QUARTER' | 'YEAR';
  period: string;
  value: number;
  target: number;
  raisedAt: string;
}

/** What the subgraphs hold; tests add records before publishing their events. */
export class LiveData {
  readonly members = new Map<string, { id: string; name: string }>();
  readonly clues = new Map<string, TestClue>();
  readonly recommendations = new Map<string, { id: string; documentNumber: string; districtCode: string; agencyName: string; status: string }>();
  readonly petitions = new Map<string, { id: string; districtCode: string; status: string; nextDueAt: string | null }>();
  readonly alerts: TestAlert[] = [];
  readonly indicators = new Map([['CLUE_ACCEPTANCE_RATE', '线索受理率']]);
  private sequence = 0;

  clue(districtCode: string, fields: Partial<TestClue> = {}): TestClue {
    this.sequence += 1;
    const clue: TestClue = {
      id: randomUUID(),
      number: `${districtCode}-2026-${String(this.sequence).padStart(6, '0')}`,
      title: `线索 ${this.sequence}`,
      status: 'SUBMITTED',
      districtCode,
      reporterMemberId: null,
      reporterSubject: null,
      ...fields,
    };
    this.clues.set(clue.id, clue);
    return clue;
  }
}

type Ctx = { identity: Identity };

export async function startLiveSubgraphs(verifier: TokenVerifier, data: LiveData): Promise<{ grids: TestSubgraph; clues: TestSubgraph; desk: TestSubgraph }> {
  const context = async (headers: IncomingHttpHeaders) => ({ identity: await requireIdentity(verifier, headers.authorization) });
  const grids = await startSubgraph({
    name: 'grids',
    sdl: GRIDS_SDL,
    context,
    resolvers: {
      Query: { member: (_: unknown, { id }: { id: string }) => data.members.get(id) ?? null },
      Member: { __resolveReference: (ref: { id: string }) => data.members.get(ref.id) ?? null },
    },
  });
  const visibleClue = (id: string, { identity }: Ctx) => {
    const clue = data.clues.get(id);
    if (!clue || !canAccessDistrict(identity, clue.districtCode)) return null;
    if (hasRole(identity, Role.GRID_WORKER) && identity.roles.length === 1 && clue.reporterSubject !== identity.subject) return null;
    return clue;
  };
  const visible = <T extends { districtCode: string }>(record: T | undefined, { identity }: Ctx) =>
    record && canAccessDistrict(identity, record.districtCode) ? record : null;
  const clues = await startSubgraph({
    name: 'clues',
    sdl: CLUES_SDL,
    context,
    resolvers: {
      Query: {
        clue: (_: unknown, { id }: { id: string }, ctx: Ctx) => visibleClue(id, ctx),
        recommendation: (_: unknown, { id }: { id: string }, ctx: Ctx) => visible(data.recommendations.get(id), ctx),
      },
      Clue: {
        __resolveReference: (ref: { id: string }, ctx: Ctx) => visibleClue(ref.id, ctx),
        reporter: (clue: TestClue, _: unknown, { identity }: Ctx) => {
          if (!clue.reporterMemberId) return null;
          const entitled = identity.subject === clue.reporterSubject || hasRole(identity, Role.CITY_ADMIN, Role.LEADER, Role.PROCURATOR);
          if (!entitled) throw new GraphQLError('You may not see who reported this clue', { extensions: { code: 'FORBIDDEN' } });
          return { id: clue.reporterMemberId };
        },
      },
    },
  });
  const desk = await startSubgraph({
    name: 'desk',
    sdl: DESK_SDL,
    context,
    resolvers: {
      Query: {
        petition: (_: unknown, { id }: { id: string }, ctx: Ctx) => visible(data.petitions.get(id), ctx),
        // As the indicators service: a district's users see their own; the city's all, or the district they name.
        indicatorAlerts: (_: unknown, args: { districtCode?: string; indicatorCode?: string; periodKind?: string; first: number }, { identity }: Ctx) => {
          const districtCode = args.districtCode ?? (identity.district === '610100' ? null : identity.district);
          const allowed = !hasRole(identity, Role.PARTNER) && canAccessDistrict(identity, districtCode ?? '610100');
          const rows = allowed
            ? data.alerts
                .filter((a) => (!districtCode || a.districtCode === districtCode) && (!args.indicatorCode || a.indicatorCode === args.indicatorCode) && (!args.periodKind || a.periodKind === args.periodKind))
                .sort((a, b) => b.raisedAt.localeCompare(a.raisedAt))
                .slice(0, args.first)
            : [];
          return { edges: rows.map((node, i) => ({ cursor: String(i), node })), totalCount: rows.length };
        },
      },
      IndicatorAlert: { indicator: (a: TestAlert) => ({ code: a.indicatorCode, name: data.indicators.get(a.indicatorCode) ?? a.indicatorCode }) },
      Petition: { __resolveReference: (ref: { id: string }, ctx: Ctx) => visible(data.petitions.get(ref.id), ctx) },
    },
  });
  return { grids, clues, desk };
}
