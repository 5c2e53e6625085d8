import DataLoader from 'dataloader';
import type { PetitionsDeps, RequestScope } from '../context';
import { canSeeHearings } from '../domain/hearing-access';
import { hearingRepository, type HearingPanelistRow, type HearingRow } from '../persistence/hearing.repository';
import { hearingWriteRepository } from '../persistence/hearing-write.repository';
import { hearingService } from '../services/hearing.service';
import { idNumberHash } from '../services/petitioner-personal-data';

/** Groups rows under their key, in the rows' order, answering one list per key asked for. */
function grouped<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const byKey = new Map<K, R[]>();
  for (const row of rows) {
    const list = byKey.get(keyOf(row));
    if (list) list.push(row);
    else byKey.set(keyOf(row), [row]);
  }
  return keys.map((k) => byKey.get(k) ?? []);
}

/**
 * Public hearings per request: the write service, the calendar repository, and loaders that fetch
 * each nested level of a page in one query. The loaders answer only what the caller may see.
 */
export function hearingContext(deps: PetitionsDeps, scope: RequestScope) {
  const { db, clock, config, cipher } = deps;
  const { identity } = scope;
  const repository = hearingRepository(db);
  const visible = (h: HearingRow) => canSeeHearings(identity, h.districtCode);
  return {
    repository,
    service: hearingService({
      db,
      writes: hearingWriteRepository(),
      clock,
      bounds: { min: config.HEARING_PANEL_MIN, max: config.HEARING_PANEL_MAX },
      // The petitioner's own hash (one purpose for every ID number here): "the officer is the petitioner" is one comparison.
      hashIdNumber: (idNumber) => idNumberHash(cipher, idNumber),
    }),
    loaders: {
      /** Another district's hearing answers null, as a missing one. */
      hearing: new DataLoader<string, HearingRow | null>(async (ids) => {
        const byId = new Map((await repository.byIds(ids)).filter(visible).map((h) => [h.id, h]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      /** Asked only for hearings already shown to the caller. */
      panelOf: new DataLoader<string, HearingPanelistRow[]>(async (hearingIds) => grouped(hearingIds, await repository.panelistsOf(hearingIds), (p) => p.hearingId)),
      ofPetition: new DataLoader<string, HearingRow[]>(async (petitionIds) =>
        grouped(petitionIds, (await repository.ofPetitions(petitionIds)).filter(visible), (h) => h.petitionId),
      ),
    },
  };
}

export type HearingContext = ReturnType<typeof hearingContext>;
