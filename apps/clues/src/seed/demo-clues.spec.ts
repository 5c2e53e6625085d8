import { Role } from '@pgov/auth';
import { DISTRICTS } from '@pgov/reference-data';
import { yearInChina } from '../domain/clock';
import { isDecided } from '../domain/clue-queue';
import { ASSESSABLE_STATUSES } from '../domain/clue-risk';
import { nextStatus, type ClueAction, type ClueStatus } from '../domain/clue-states';
import { decideTransition, type TransitionSubject } from '../domain/clue-transition';
import { clueAttachmentInput, clueNumber, submitClueInput } from '../domain/submit-clue';
import { cluesOfDistrict, counterRows, DEFAULT_UNTIL, demoClues, demoUuid, departmentOf, SCALES, type DemoClue } from './demo-clues';

/** The action that leads into each state (one per state: the history names states, not actions). */
const ACTION_INTO: Partial<Record<ClueStatus, ClueAction>> = {
  ACCEPTED: 'ACCEPT',
  REJECTED: 'REJECT',
  ASSIGNED: 'ASSIGN',
  TRANSFERRED: 'TRANSFER',
  CASE_OPENED: 'OPEN_CASE',
  CLOSED_NO_ACTION: 'CLOSE_NO_ACTION',
};

const DAY_MS = 86_400_000;
const demo = [...demoClues(2026, SCALES.demo)];
const count = <T>(list: readonly T[], key: (t: T) => string) =>
  list.reduce<Record<string, number>>((m, t) => ((m[key(t)] = (m[key(t)] ?? 0) + 1), m), {});

/** The state a clue was in at `at`, read from its history. */
function statusAt(clue: DemoClue, at: Date): ClueStatus {
  let status: ClueStatus = 'SUBMITTED';
  for (const t of clue.transitions) if (t.at <= at) status = t.to;
  return status;
}

describe('demo clues', () => {
  it('are the same for the same seed, and different for another seed or another end of the window', () => {
    expect([...demoClues(2026, SCALES.demo)]).toEqual(demo);
    const other = [...demoClues(7, SCALES.demo)];
    expect(other[0]!.id).not.toBe(demo[0]!.id);
    expect(other.map((c) => c.title)).not.toEqual(demo.map((c) => c.title));
    const later = [...demoClues(2026, SCALES.demo, new Date('2027-03-01T00:00:00+08:00'))];
    expect(later[0]!.submittedAt).not.toEqual(demo[0]!.submittedAt);
  });

  it('derive ids from the seed and the clue number, so they can be found without the database', () => {
    for (const c of demo.slice(0, 20)) expect(c.id).toBe(demoUuid(2026, `clue:${c.number}`));
    expect(demo[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(demo.map((c) => c.id)).size).toBe(demo.length);
    const attachments = demo.flatMap((c) => c.attachments);
    expect(new Set(attachments.map((a) => a.id)).size).toBe(attachments.length);
    const refs = demo.map((c) => c.originRef).filter((r) => r !== null);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('give every one of the 13 districts about 20 at demo scale, and a million in all at large scale', () => {
    expect(demo).toHaveLength(13 * 20);
    expect(count(demo, (c) => c.districtCode)).toEqual(Object.fromEntries(DISTRICTS.map((d) => [d.code, 20])));
    const large = DISTRICTS.map((_, i) => cluesOfDistrict(SCALES.large, i));
    expect(large.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    expect(Math.max(...large) - Math.min(...large)).toBeLessThanOrEqual(1);
    const odd = { ...SCALES.demo, clues: 30 };
    expect(count([...demoClues(1, odd)], (c) => c.districtCode)).toEqual(Object.fromEntries(DISTRICTS.map((d, i) => [d.code, i < 4 ? 3 : 2])));
  });

  it('stream the large scale lazily, its grid codes within the large grids network', () => {
    const first: DemoClue[] = [];
    for (const c of demoClues(2026, SCALES.large)) {
      first.push(c);
      if (first.length === 3000) break;
    }
    expect(first.every((c) => c.districtCode === DISTRICTS[0]!.code)).toBe(true);
    const parts = first.flatMap((c) => (c.gridCode ? [c.gridCode.split('-').map(Number)] : []));
    expect(Math.max(...parts.map((p) => p[1]!))).toBe(SCALES.large.streets);
    expect(Math.max(...parts.map((p) => p[2]!))).toBe(SCALES.large.communities);
    expect(Math.max(...parts.map((p) => p[3]!))).toBe(SCALES.large.grids);
  });

  it('number clues per district and calendar year in China, contiguous from 1 in submission order', () => {
    for (const c of demo) {
      expect(c.number).toBe(clueNumber(c.districtCode, c.year, c.seq));
      expect(c.year).toBe(yearInChina(c.submittedAt));
    }
    expect(new Set(demo.map((c) => c.number)).size).toBe(demo.length);
    const byDistrictYear = new Map<string, DemoClue[]>();
    for (const c of demo) byDistrictYear.set(`${c.districtCode}:${c.year}`, [...(byDistrictYear.get(`${c.districtCode}:${c.year}`) ?? []), c]);
    expect(new Set(demo.map((c) => c.year))).toEqual(new Set([2025, 2026]));
    for (const clues of byDistrictYear.values()) {
      expect(clues.map((c) => c.seq)).toEqual(clues.map((_, i) => i + 1));
      const times = clues.map((c) => c.submittedAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('set the counters to the highest number of each district and year', () => {
    const rows = counterRows(demo);
    expect(rows.reduce((sum, r) => sum + r.last, 0)).toBe(demo.length);
    for (const r of rows) {
      expect(r.last).toBe(Math.max(...demo.filter((c) => c.districtCode === r.districtCode && c.year === r.year).map((c) => c.seq)));
    }
  });

  it('are submitted over the 12 months before the window ends, mostly in office hours China time', () => {
    const from = DEFAULT_UNTIL.getTime() - 366 * DAY_MS;
    expect(demo.every((c) => c.submittedAt.getTime() >= from && c.submittedAt < DEFAULT_UNTIL)).toBe(true);
    expect(demo.every((c) => c.transitions.every((t) => t.at < DEFAULT_UNTIL))).toBe(true);
    const officeHours = demo.filter((c) => {
      const hour = (c.submittedAt.getUTCHours() + 8) % 24;
      return hour >= 8 && hour < 18;
    });
    expect(officeHours.length / demo.length).toBeGreaterThan(0.75);
    const months = new Set(demo.map((c) => new Date(c.submittedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 7)));
    expect(months.size).toBe(12);
  });

  it('walk every clue through a legal path of the state machine, ending in the status it has', () => {
    for (const c of demo) {
      const [submission, ...changes] = c.transitions;
      expect(submission).toEqual({ from: null, to: 'SUBMITTED', by: c.submittedBy, reason: null, at: c.submittedAt, department: null });
      let status: ClueStatus = 'SUBMITTED';
      let at = c.submittedAt.getTime();
      for (const t of changes) {
        expect(t.from).toBe(status);
        const action = ACTION_INTO[t.to]!;
        expect(nextStatus(status, action, t.reason)).toBe(t.to);
        expect(t.at.getTime()).toBeGreaterThan(at);
        status = t.to;
        at = t.at.getTime();
      }
      expect(c.status).toBe(status);
      const last = c.transitions[c.transitions.length - 1]!;
      expect(c.department).toBe(last.department);
      expect(c.decidedAt).toEqual(isDecided(c.status) ? last.at : null);
    }
  });

  it('replay through the domain decision as a procurator of the district: departments, transfers and the HIGH-risk gate hold', () => {
    for (const c of demo) {
      const procurator = { subject: `demo-procurator-${c.districtCode}`, name: 'p', roles: [Role.PROCURATOR], district: c.districtCode };
      const subject: TransitionSubject = { ...c, status: 'SUBMITTED', department: null, riskLevel: null, handlingPlan: null };
      for (const t of c.transitions.slice(1)) {
        // The assessment counts from when it was made.
        const assessed = c.riskAssessedAt !== null && c.riskAssessedAt < t.at;
        const decided = decideTransition(
          procurator,
          { ...subject, riskLevel: assessed ? c.riskLevel : null, handlingPlan: assessed ? c.handlingPlan : null },
          { action: ACTION_INTO[t.to]!, clueId: c.id, department: t.department ?? undefined, reason: t.reason ?? undefined },
        );
        expect({ to: decided.to, department: decided.department, by: t.by }).toEqual({ to: t.to, department: t.department, by: procurator.subject });
        subject.status = t.to;
        subject.department = t.department;
      }
    }
  });

  it('have the mix a district sees: every status, transfers, mostly grid reports, some risk assessments and attachments', () => {
    expect(new Set(demo.map((c) => c.status))).toEqual(new Set(['SUBMITTED', 'ACCEPTED', 'REJECTED', 'ASSIGNED', 'CASE_OPENED', 'CLOSED_NO_ACTION']));
    expect(demo.some((c) => c.transitions.some((t) => t.to === 'TRANSFERRED'))).toBe(true);
    expect(demo.filter((c) => c.source === 'GRID_REPORT').length / demo.length).toBeGreaterThan(0.5);
    expect(new Set(demo.map((c) => c.category)).size).toBe(11);
    expect(new Set(demo.map((c) => c.riskLevel).filter(Boolean))).toEqual(new Set(['LOW', 'MEDIUM', 'HIGH']));
    expect(demo.filter((c) => c.attachments.length > 0).length).toBeGreaterThan(demo.length / 5);
    // Most clues in a department are in the one their category belongs with (the rest were sent astray and not yet transferred).
    const placed = demo.filter((c) => c.department !== null);
    expect(placed.filter((c) => c.department === departmentOf(c.category)).length / placed.length).toBeGreaterThan(0.9);
  });

  it('assess risk only while a clue is accepted and not yet decided, by a procurator, with a plan before a HIGH-risk case opens', () => {
    const assessed = demo.filter((c) => c.riskLevel !== null);
    expect(assessed.length).toBeGreaterThan(0);
    for (const c of assessed) {
      expect(ASSESSABLE_STATUSES).toContain(statusAt(c, c.riskAssessedAt!));
      expect(c.riskAssessedBy).toBe(`demo-procurator-${c.districtCode}`);
    }
    expect(demo.filter((c) => c.riskLevel === null).every((c) => c.riskFactors.length === 0 && c.handlingPlan === null && c.riskAssessedAt === null)).toBe(true);
    expect(demo.filter((c) => c.status === 'CASE_OPENED' && c.riskLevel === 'HIGH').every((c) => c.handlingPlan)).toBe(true);
  });

  it('invent no informants, and pass the validation a submission gets', () => {
    for (const c of demo) {
      expect(c.reporterMemberId).toBeNull();
      if (c.source === 'GRID_REPORT') expect(c.gridCode).not.toBeNull();
      if (c.gridCode) expect(c.gridCode).toMatch(new RegExp(`^${c.districtCode}-\\d{3}-\\d{3}-\\d{2}$`));
      const input = submitClueInput.parse({ ...c, attachments: c.attachments.map(({ id: _id, ...a }) => a) });
      expect(input.title).toBe(c.title);
      for (const a of c.attachments) expect(clueAttachmentInput.parse(a)).toMatchObject({ sha256: a.sha256, size: a.size });
    }
    // Grid codes come from the grids demo network of the same scale: 2 streets, 2 communities, 3 grids.
    const grids = new Set(demo.flatMap((c) => (c.gridCode ? [c.gridCode.slice(7)] : [])));
    for (const g of grids) expect(g).toMatch(/^00[12]-00[12]-0[123]$/);
  });
});
