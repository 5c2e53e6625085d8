import { Role } from '@pgov/auth';
import { deleteNamespace, identityOf, testNamespace, withPg } from '@pgov/testing';
import { DB } from './support/clue-api';
import { countRows, daysBefore, startTriage, submitAs, type TriageUnderTest } from './support/triage-api';

// Attachments and possible duplicates on the real database: written with the clue, in its
// transaction; duplicates flagged (same grid and category, similar title, within 30 days), never merged.
const NAMESPACE = testNamespace();
const NOW = new Date('2026-11-26T02:00:00Z');
const worker = identityOf(Role.GRID_WORKER, '610113');
const procurator = identityOf(Role.PROCURATOR, '610113');

let api: TriageUnderTest;

beforeAll(async () => {
  api = await startTriage(NAMESPACE, NOW);
});

afterAll(async () => {
  await api?.service.stop();
  await deleteNamespace(NAMESPACE);
});

const photo = { name: '现场照片.jpg', sha256: 'A1'.repeat(32), size: 204_800, mediaType: 'image/jpeg' };
const video = { name: '排污视频.mp4', sha256: 'b2'.repeat(32), size: 2_147_483_647, mediaType: 'video/mp4' };

type Duplicates = {
  clue: {
    status: string;
    possibleDuplicates: { clue: { id: string; status: string } | null; similarity: number; flaggedAt: string; dismissedAt: string | null }[];
  } | null;
};
const DUPLICATES = `query($id: ID!) { clue(id: $id) { status possibleDuplicates { clue { id status } similarity flaggedAt dismissedAt } } }`;

describe('attachments', () => {
  it('are stored with the clue and read back by name, hashes lower-cased', async () => {
    const id = await submitAs(api, worker, { title: '工厂废水直排', attachments: [photo, video] });
    const data = await api.askOk<{ clue: { attachments: unknown[] } }>(procurator, `query($id: ID!) { clue(id: $id) { attachments { name sha256 size mediaType } } }`, { id });
    expect(data.clue.attachments).toEqual([video, { ...photo, sha256: 'a1'.repeat(32) }]);
  });

  it('refuse a bad sha256 with BAD_USER_INPUT naming the attachment, and write nothing', async () => {
    const before = await Promise.all([countRows('clue'), countRows('clue_attachment'), countRows('outbox_event')]);
    const res = await api.ask(worker, `mutation($input: SubmitClueInput!) { submitClue(input: $input) { id } }`, {
      input: {
        title: '工厂废水直排',
        description: '夜间排放',
        category: 'PUBLIC_INTEREST_ECOLOGY',
        gridCode: '610113-001-01',
        attachments: [photo, video, { ...photo, sha256: 'not-a-hash' }],
      },
    });
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.attachments.2.sha256', reason: expect.stringMatching(/SHA-256/) });
    expect(await Promise.all([countRows('clue'), countRows('clue_attachment'), countRows('outbox_event')])).toEqual(before);
  });
});

describe('possible duplicates', () => {
  // Each scenario in a grid of its own, so the scenarios do not flag each other.
  const grid = (n: number) => `610113-002-0${n}`;

  it('flags an earlier clue of the same grid and category with a similar title, and merges nothing', async () => {
    api.setTime(daysBefore(NOW, 29));
    const earlier = await submitAs(api, worker, { title: '河道夜间偷排污水', gridCode: grid(1) });
    // Same grid, other category; other grid, same category; same grid and category, unlike title.
    await submitAs(api, worker, { title: '河道夜间排污', gridCode: grid(1), category: 'CIVIL' });
    await submitAs(api, worker, { title: '河道夜间排污', gridCode: grid(2) });
    await submitAs(api, worker, { title: '小区道路积水严重', gridCode: grid(1) });
    api.setTime(NOW);
    const clues = await countRows('clue');
    const newer = await submitAs(api, worker, { title: '河道夜间排污', gridCode: grid(1) });
    expect(await countRows('clue')).toBe(clues + 1);

    const { clue } = await api.askOk<Duplicates>(procurator, DUPLICATES, { id: newer });
    expect(clue?.possibleDuplicates).toEqual([{ clue: { id: earlier, status: 'SUBMITTED' }, similarity: expect.closeTo(0.333, 2), flaggedAt: NOW.toISOString(), dismissedAt: null }]);
    // Both stay clues of their own; the earlier one points nowhere (flags go from newer to earlier).
    expect(clue?.status).toBe('SUBMITTED');
    expect((await api.askOk<Duplicates>(procurator, DUPLICATES, { id: earlier })).clue?.possibleDuplicates).toEqual([]);
  });

  it('compares reports of one grid sent at the same moment: each pair is flagged once, the later flagging the earlier', async () => {
    api.setTime(NOW);
    const ids = await Promise.all(Array.from({ length: 8 }, () => submitAs(api, worker, { title: '化工厂深夜偷排废水', gridCode: grid(6) })));
    const flags = await Promise.all(ids.map(async (id) => (await api.askOk<Duplicates>(procurator, DUPLICATES, { id })).clue!.possibleDuplicates.map((d) => d.clue!.id)));
    // The district's counter orders the eight: the k-th flags the k - 1 before it, none missed, none twice.
    expect(flags.map((f) => f.length).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const pairs = new Set(ids.flatMap((id, i) => flags[i]!.map((of) => [id, of].sort().join('|'))));
    expect(pairs.size).toBe((8 * 7) / 2);
  });

  it('does not flag an identical title submitted 31 days earlier', async () => {
    api.setTime(daysBefore(NOW, 31));
    await submitAs(api, worker, { title: '垃圾填埋场渗漏', gridCode: grid(3) });
    api.setTime(NOW);
    const newer = await submitAs(api, worker, { title: '垃圾填埋场渗漏', gridCode: grid(3) });
    expect((await api.askOk<Duplicates>(procurator, DUPLICATES, { id: newer })).clue?.possibleDuplicates).toEqual([]);
  });

  it("shows only earlier clues the caller may see: not another grid worker's, nothing to another district", async () => {
    api.setTime(daysBefore(NOW, 3));
    const first = await submitAs(api, worker, { title: '非法采砂', gridCode: grid(4) });
    api.setTime(NOW);
    const otherWorker = identityOf(Role.GRID_WORKER, '610113');
    const second = await submitAs(api, otherWorker, { title: '非法采砂', gridCode: grid(4) });

    expect((await api.askOk<Duplicates>(procurator, DUPLICATES, { id: second })).clue?.possibleDuplicates.map((d) => d.clue?.id)).toEqual([first]);
    const own = await api.askOk<Duplicates>(otherWorker, DUPLICATES, { id: second });
    expect(own.clue?.possibleDuplicates).toEqual([]);
    expect(await api.askOk<Duplicates>(identityOf(Role.PROCURATOR, '610102'), DUPLICATES, { id: second })).toEqual({ clue: null });
  });

  it('is dismissed by a procurator: kept with dismissedAt, off the possible-duplicate queue', async () => {
    api.setTime(daysBefore(NOW, 1));
    const earlier = await submitAs(api, worker, { title: '餐馆地沟油', gridCode: grid(5), category: 'PUBLIC_INTEREST_FOOD_DRUG' });
    api.setTime(NOW);
    const newer = await submitAs(api, worker, { title: '餐馆使用地沟油', gridCode: grid(5), category: 'PUBLIC_INTEREST_FOOD_DRUG' });
    const DISMISS = `mutation($input: DismissPossibleDuplicateInput!) { dismissPossibleDuplicate(input: $input) { id possibleDuplicates { dismissedAt } } }`;
    const QUEUE = `{ clues(first: 100, filter: { possibleDuplicate: true, category: [PUBLIC_INTEREST_FOOD_DRUG] }) { totalCount edges { node { id } } } }`;
    const input = { clueId: newer, duplicateOfId: earlier };
    expect((await api.askOk<{ clues: { edges: { node: { id: string } }[] } }>(procurator, QUEUE)).clues.edges.map((e) => e.node.id)).toEqual([newer]);

    const clerk = await api.ask(identityOf(Role.CLERK, '610113'), DISMISS, { input });
    expect(clerk.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const elsewhere = await api.ask(identityOf(Role.PROCURATOR, '610102'), DISMISS, { input });
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const never = await api.ask(procurator, DISMISS, { input: { clueId: earlier, duplicateOfId: newer } });
    expect(never.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'PossibleDuplicate' });

    api.setTime(new Date(NOW.getTime() + 60_000));
    const done = await api.askOk<{ dismissPossibleDuplicate: { possibleDuplicates: { dismissedAt: string }[] } }>(procurator, DISMISS, { input });
    expect(done.dismissPossibleDuplicate.possibleDuplicates).toEqual([{ dismissedAt: new Date(NOW.getTime() + 60_000).toISOString() }]);
    // A second dismissal keeps the first one's time and author.
    api.setTime(new Date(NOW.getTime() + 120_000));
    await api.askOk(identityOf(Role.LEADER, '610113'), DISMISS, { input });
    const row = await withPg(DB, async (c) => (await c.query(`SELECT dismissed_by, dismissed_at FROM clue_duplicate WHERE clue_id = $1`, [newer])).rows[0]);
    expect(row).toEqual({ dismissed_by: procurator.subject, dismissed_at: new Date(NOW.getTime() + 60_000) });
    expect((await api.askOk<{ clues: { totalCount: number } }>(procurator, QUEUE)).clues.totalCount).toBe(0);
    api.setTime(NOW);
  });
});
