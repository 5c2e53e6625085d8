import DataLoader from 'dataloader';
import type { GridsDeps, RequestScope } from '../context';
import { memberRepository, type MemberListFilter, type MemberRow, type Page } from '../persistence/member.repository';
import { memberService } from '../services/member.service';

/** First page of one district's list: the district, the page size and the list's other conditions. */
export interface DistrictPageKey {
  districtCode: string;
  size: number;
  filter: Omit<MemberListFilter, 'districtCode'>;
}

const groupOf = (k: DistrictPageKey) => JSON.stringify([k.size, k.filter]);

/** Members: the write service, the repository, and the loader that batches districts' first pages. */
export function memberContext(deps: GridsDeps, scope: RequestScope) {
  const repo = memberRepository(deps.db);
  const service = memberService({ db: deps.db, cipher: deps.cipher, members: repo, clock: deps.clock });
  return {
    repo,
    cipher: deps.cipher,
    register: (input: unknown) => service.register(scope.identity, input),
    update: (input: unknown) => service.update(scope.identity, input),
    changeStatus: (input: unknown) => service.changeStatus(scope.identity, input),
    move: (input: unknown) => service.move(scope.identity, input),
    grantRole: (input: unknown) => service.grantRole(scope.identity, input),
    withdrawRole: (input: unknown) => service.withdrawRole(scope.identity, input),
    loaders: {
      /** First pages of several districts' lists (District.members under Query.districts) in one go per filter. */
      districtFirstPage: new DataLoader<DistrictPageKey, Page<MemberRow>, string>(
        async (keys) => {
          const groups = new Map<string, DistrictPageKey[]>();
          for (const key of keys) groups.set(groupOf(key), [...(groups.get(groupOf(key)) ?? []), key]);
          const pages = new Map<string, Page<MemberRow>>();
          for (const [group, members] of groups) {
            const { size, filter } = members[0]!;
            const found = await repo.firstPagesByDistrict([...new Set(members.map((k) => k.districtCode))], filter, size);
            for (const [code, page] of found) pages.set(`${group}|${code}`, page);
          }
          return keys.map((k) => pages.get(`${groupOf(k)}|${k.districtCode}`) ?? { rows: [], total: 0 });
        },
        { cacheKeyFn: (k) => `${groupOf(k)}|${k.districtCode}` },
      ),
    },
  };
}
