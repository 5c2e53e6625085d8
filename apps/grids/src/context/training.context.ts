import DataLoader from 'dataloader';
import { rowLoader } from '@pgov/graphql-kit';
import { CITY_CODE } from '@pgov/reference-data';
import type { GridsDeps, RequestScope } from '../context';
import { attendeeScope } from '../domain/training-access';
import {
  trainingRepository,
  type AttendeeRef,
  type HeldOnRange,
  type Page,
  type TrainingCounts,
  type TrainingRow,
} from '../persistence/training.repository';
import { trainingService } from '../services/training.service';

const NO_COUNTS: TrainingCounts = { trainings: 0, attendances: 0, membersTrained: 0 };

/**
 * A loader whose keys share a part (a date range, a page size) and differ in one id: the keys of
 * one tick are grouped by the shared part and each group is fetched in one call.
 */
function groupedLoader<K extends { id: string }, V>(groupOf: (key: K) => string, fetch: (ids: string[], sample: K) => Promise<Map<string, V>>, missing: V) {
  return new DataLoader<K, V, string>(
    async (keys) => {
      const groups = new Map<string, { sample: K; ids: Set<string> }>();
      for (const key of keys) {
        const group = groups.get(groupOf(key));
        if (group) group.ids.add(key.id);
        else groups.set(groupOf(key), { sample: key, ids: new Set([key.id]) });
      }
      const found = new Map<string, V>();
      for (const [group, { sample, ids }] of groups) {
        for (const [id, value] of await fetch([...ids], sample)) found.set(`${group}|${id}`, value);
      }
      return keys.map((k) => found.get(`${groupOf(k)}|${k.id}`) ?? missing);
    },
    { cacheKeyFn: (k) => `${groupOf(k)}|${k.id}` },
  );
}

type FirstPageKey = { id: string; size: number };
type DistrictPageKey = FirstPageKey & HeldOnRange;
type CountsKey = { id: string } & HeldOnRange;

const rangeOf = (k: HeldOnRange) => `${k.from ?? ''}|${k.until ?? ''}`;
const emptyPage = { rows: [], total: 0 };

/** Trainings: the write service, the repository and loaders that batch nested fields (no N+1). */
export function trainingContext(deps: GridsDeps, scope: RequestScope) {
  const trainings = trainingRepository(deps.db);
  const attendees = attendeeScope(scope.identity);
  return {
    repo: trainings,
    service: trainingService({ db: deps.db, trainings, clock: deps.clock }),
    /** Whose attendance this caller sees on any training. */
    attendeeScope: attendees,
    loaders: {
      training: rowLoader(trainings.byIds, (t: TrainingRow) => t.id),
      attendeeCount: new DataLoader<string, number>(async (ids) => {
        const counts = await trainings.attendeeCounts(ids);
        return ids.map((id) => counts.get(id) ?? 0);
      }),
      /** First page of a district's trainings (the city: every training). */
      districtFirstPage: groupedLoader<DistrictPageKey, Page<TrainingRow>>(
        (k) => `${rangeOf(k)}|${k.size}`,
        async (codes, { from, until, size }) => {
          const range = { from, until };
          const pages = await trainings.firstPagesByDistrict(codes.filter((c) => c !== CITY_CODE), range, size);
          if (codes.includes(CITY_CODE)) pages.set(CITY_CODE, await trainings.page(range, size, null));
          return pages;
        },
        emptyPage,
      ),
      /** First page of a member's training history. */
      historyFirstPage: groupedLoader<FirstPageKey, Page<TrainingRow>>((k) => String(k.size), (ids, { size }) => trainings.historyFirstPages(ids, size), emptyPage),
      /** First page of a training's attendees the caller may see. */
      attendeeFirstPage: groupedLoader<FirstPageKey, Page<AttendeeRef>>(
        (k) => String(k.size),
        (ids, { size }) => trainings.attendeeFirstPages(ids, attendees, size),
        emptyPage,
      ),
      /** Training counts of districts (and the city) for a period. */
      counts: groupedLoader<CountsKey, TrainingCounts>(rangeOf, (_, { from, until }) => trainings.counts({ from, until }, CITY_CODE), NO_COUNTS),
    },
  };
}
