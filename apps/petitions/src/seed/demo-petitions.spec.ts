import { generatePersonalDataKeyEnv, mobilePhoneProblem, personalDataCipherOf, residentIdProblem } from '@pgov/privacy';
import { DISTRICTS } from '@pgov/reference-data';
import { deadlinesComingDue, dueSoonFrom } from '../domain/deadlines-coming-due';
import { dueAtOf, isOnTime, nextDueAt, replyDeadlines } from '../domain/deadlines';
import { EXTERNAL_OFFICER_KINDS } from '../domain/hearing-panel';
import { isLeadershipOwned } from '../domain/petition-ownership';
import { personalDataInText } from '../domain/petition-referral';
import { isOpen, nextStatus, PETITION_ACTIONS, PETITION_STATUSES, type PetitionStatus } from '../domain/petition-states';
import { PETITION_CATEGORIES, PETITION_CHANNELS } from '../domain/receive-petition';
import { ID_NUMBER_PURPOSE, idNumberHash, PHONE_PURPOSE } from '../services/petitioner-personal-data';
import { demoPetitions, demoUuid, panelMajority, petitionsPerDistrict, SCALES, type DemoPetition } from './demo-petitions';
import { readSeedConfig } from './seed-config';
import { storedPanel, storedPetition } from './stored-rows';

const DAY = 86_400_000;
/** 2026-11-26 00:00 in China. */
const AS_OF = new Date('2026-11-25T16:00:00Z');
const RULES = { proceduralReplyDays: 7, resultReplyMonths: 3 };
const COMING_DUE = { proceduralDueSoonDays: 2, resultDueSoonDays: 15 };
const OPTIONS = { asOf: AS_OF, rules: RULES, comingDue: COMING_DUE, panel: { min: 3, max: 7 } };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[47][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CHINESE_NAME = /^[\u4e00-\u9fa5]{2,3}$/;

const demo = [...demoPetitions(2026, SCALES.demo, OPTIONS)];
/** Enough petitions (300 a district) for the shares and the rarer paths. */
const wide = [...demoPetitions(7, { petitions: 13 * 300 }, OPTIONS)];
const both = [...demo, ...wide];

const hearingsOf = (ps: readonly DemoPetition[]) => ps.flatMap((p) => p.hearings.map((h) => ({ petition: p, ...h })));
/** The petition's status at an instant, read from its history. */
const statusAt = (p: DemoPetition, at: Date): PetitionStatus => p.transitions.filter((t) => t.at.getTime() <= at.getTime()).at(-1)!.to;
/** Some action of the state machine leads from `from` to `to`. */
const isLegalStep = (from: PetitionStatus, to: PetitionStatus) =>
  PETITION_ACTIONS.some((action) => {
    try {
      return nextStatus(from, action) === to;
    } catch {
      return false;
    }
  });

describe('demo petitions', () => {
  it('are the same for the same seed and as-of, with ids that depend on the seed only', () => {
    expect([...demoPetitions(2026, SCALES.demo, OPTIONS)]).toEqual(demo);
    const other = [...demoPetitions(2027, SCALES.demo, OPTIONS)];
    expect(other[0]!.row.id).not.toBe(demo[0]!.row.id);
    expect(other[0]!.row.id).toBe(demoUuid(2027, `petition:${DISTRICTS[0]!.code}:0`));
    // Another day's run gives the same ids: loading again later inserts nothing new.
    const later = [...demoPetitions(2026, SCALES.demo, { ...OPTIONS, asOf: new Date(AS_OF.getTime() + 30 * DAY) })];
    expect(later.map((p) => p.row.id)).toEqual(demo.map((p) => p.row.id));
  });

  it('spread each scale over the 13 districts; the demo scale is the first petitions of a larger one', () => {
    expect(petitionsPerDistrict(SCALES.demo)).toEqual(DISTRICTS.map(() => 15));
    expect(demo).toHaveLength(195);
    for (const d of DISTRICTS) expect(demo.filter((p) => p.row.districtCode === d.code)).toHaveLength(15);
    const large = petitionsPerDistrict(SCALES.large);
    expect(large.reduce((a, b) => a + b, 0)).toBe(200_000);
    expect(Math.max(...large) - Math.min(...large)).toBeLessThanOrEqual(1);
    const bigger = [...demoPetitions(2026, { petitions: 13 * 20 }, OPTIONS)];
    expect(bigger).toHaveLength(260);
    expect(DISTRICTS.flatMap((d) => bigger.filter((p) => p.row.districtCode === d.code).slice(0, 15))).toEqual(demo);
  });

  it('have unique uuid-shaped ids', () => {
    for (const ps of [demo, wide]) {
      const ids = [
        ...ps.map((p) => p.row.id),
        ...ps.flatMap((p) => p.replies.map((r) => r.id)),
        ...hearingsOf(ps).flatMap((h) => [h.row.id, ...h.panel.map((x) => x.id)]),
      ];
      expect(ids.every((id) => UUID.test(id))).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      const referrals = ps.map((p) => p.row.referralId).filter((r) => r !== null);
      expect(new Set(referrals).size).toBe(referrals.length);
    }
  });

  it('cover the channels, categories and first-time flags, received in the 12 months before as-of, nothing happening after it', () => {
    expect(new Set(wide.map((p) => p.row.channel))).toEqual(new Set(PETITION_CHANNELS));
    expect(new Set(wide.map((p) => p.row.category))).toEqual(new Set(PETITION_CATEGORIES));
    expect(new Set(demo.map((p) => p.row.firstTime))).toEqual(new Set([true, false]));
    for (const p of both) {
      const received = p.row.receivedAt.getTime();
      expect(received).toBeLessThan(AS_OF.getTime());
      expect(received).toBeGreaterThanOrEqual(AS_OF.getTime() - 366 * DAY);
      const times = [
        ...p.transitions.map((t) => t.at),
        ...p.replies.map((r) => r.repliedAt),
        ...p.ownerChanges.map((o) => o.at),
        ...p.hearings.flatMap((h) => [h.row.createdAt, h.row.heldAt, h.row.concludedAt, h.row.cancelledAt, ...h.panel.map((x) => x.opinionAt)]),
        p.row.referredAt,
        p.row.proceduralOverdueAt,
        p.row.resultOverdueAt,
      ].filter((t): t is Date => t !== null);
      for (const t of times) {
        expect(t.getTime()).toBeGreaterThanOrEqual(received);
        expect(t.getTime()).toBeLessThanOrEqual(AS_OF.getTime());
      }
    }
    // A visit is registered on a working day.
    expect(wide.filter((p) => p.row.channel === 'VISIT').every((p) => ![0, 6].includes(new Date(p.row.receivedAt.getTime() + 8 * 3600_000).getUTCDay()))).toBe(true);
  });

  it('reach their status by legal transitions only, from RECEIVED, in time order', () => {
    expect(new Set(demo.map((p) => p.row.status))).toEqual(new Set(PETITION_STATUSES));
    for (const p of both) {
      const [first, ...rest] = p.transitions;
      expect(first).toEqual({ petitionId: p.row.id, from: null, to: 'RECEIVED', by: p.row.receivedBy, note: null, at: p.row.receivedAt });
      let previous = first!;
      for (const t of rest) {
        expect(t.petitionId).toBe(p.row.id);
        expect(t.from).toBe(previous.to);
        expect(isLegalStep(t.from!, t.to)).toBe(true);
        expect(t.at.getTime()).toBeGreaterThanOrEqual(previous.at.getTime());
        previous = t;
      }
      expect(previous.to).toBe(p.row.status);
    }
  });

  it('derive deadlines, replied-at columns and nextDueAt with the domain rules, replies matching the state changes', () => {
    for (const p of both) {
      const { row } = p;
      expect({ proceduralReplyDueAt: row.proceduralReplyDueAt, resultReplyDueAt: row.resultReplyDueAt }).toEqual(replyDeadlines(row.receivedAt, RULES));
      const procedural = p.replies.filter((r) => r.kind === 'PROCEDURAL');
      const answering = p.replies.filter((r) => r.kind !== 'PROCEDURAL');
      const results = p.replies.filter((r) => r.kind === 'RESULT');
      expect(procedural.length).toBeLessThanOrEqual(1);
      expect(results.length).toBeLessThanOrEqual(1);
      expect(row.proceduralRepliedAt).toEqual(procedural[0]?.repliedAt ?? null);
      expect(row.resultRepliedAt).toEqual(answering[0]?.repliedAt ?? null);
      expect(row.nextDueAt).toEqual(nextDueAt(row));
      for (const r of p.replies) expect(r.onTime).toBe(isOnTime(r.kind, row, r.repliedAt));
      expect(p.replies.map((r) => r.repliedAt.getTime())).toEqual(p.replies.map((r) => r.repliedAt.getTime()).sort((a, b) => a - b));
      // ACKNOWLEDGED comes with the procedural reply, CONCLUDED with the result reply.
      const acknowledged = p.transitions.find((t) => t.to === 'ACKNOWLEDGED');
      if (acknowledged) expect(acknowledged.at).toEqual(procedural[0]!.repliedAt);
      const concluded = p.transitions.find((t) => t.to === 'CONCLUDED');
      expect(concluded?.at ?? null).toEqual(results[0]?.repliedAt ?? null);
      expect(results.length === 1).toBe(row.status === 'CONCLUDED' || row.status === 'CLOSED');
    }
  });

  it('reply mostly within the 7 days, some late; progress and result replies, some result replies late', () => {
    const procedural = wide.flatMap((p) => p.replies.filter((r) => r.kind === 'PROCEDURAL'));
    const onTime = procedural.filter((r) => r.onTime).length / procedural.length;
    expect(onTime).toBeGreaterThan(0.8);
    expect(onTime).toBeLessThan(0.97);
    const results = wide.flatMap((p) => p.replies.filter((r) => r.kind === 'RESULT'));
    expect(wide.some((p) => p.replies.some((r) => r.kind === 'PROGRESS'))).toBe(true);
    expect(results.some((r) => !r.onTime)).toBe(true);
    expect(results.filter((r) => r.onTime).length / results.length).toBeGreaterThan(0.6);
    // Staff reply in China working hours.
    for (const r of wide.flatMap((p) => p.replies)) {
      const wall = new Date(r.repliedAt.getTime() + 8 * 3600_000);
      const minute = wall.getUTCHours() * 60 + wall.getUTCMinutes();
      expect([0, 6]).not.toContain(wall.getUTCDay());
      expect(minute >= 8 * 60 + 30 && minute <= 18 * 60).toBe(true);
    }
  });

  it('mark missed deadlines as the sweep would have announced them (so a started service does not announce them again)', () => {
    for (const { row } of both) {
      const sweptBy = (due: Date) => due.getTime() + 60_000 <= AS_OF.getTime();
      if (row.proceduralOverdueAt) {
        expect(row.proceduralOverdueAt.getTime()).toBeGreaterThan(row.proceduralReplyDueAt.getTime());
        if (row.proceduralRepliedAt) expect(row.proceduralRepliedAt.getTime()).toBeGreaterThan(row.proceduralOverdueAt.getTime());
      } else if (sweptBy(row.proceduralReplyDueAt)) {
        expect(row.proceduralRepliedAt!.getTime()).toBeLessThanOrEqual(row.proceduralReplyDueAt.getTime() + 60_000);
      }
      if (row.resultOverdueAt) {
        expect(row.resultOverdueAt.getTime()).toBeGreaterThan(row.resultReplyDueAt.getTime());
        if (row.resultRepliedAt) expect(row.resultRepliedAt.getTime()).toBeGreaterThan(row.resultOverdueAt.getTime());
      } else if (sweptBy(row.resultReplyDueAt) && isOpen(row.status)) {
        expect(row.resultRepliedAt).not.toBeNull();
      }
    }
    expect(wide.some((p) => p.row.proceduralOverdueAt !== null && p.row.proceduralRepliedAt !== null)).toBe(true);
    expect(wide.some((p) => p.row.resultOverdueAt !== null)).toBe(true);
  });

  it('mark deadlines coming due as the sweep announced them, and leave those still coming due at as-of to the service’s first sweep', () => {
    for (const { row } of both) {
      for (const kind of ['PROCEDURAL', 'RESULT'] as const) {
        const marked = kind === 'PROCEDURAL' ? row.proceduralDueSoonAt : row.resultDueSoonAt;
        const repliedAt = kind === 'PROCEDURAL' ? row.proceduralRepliedAt : row.resultRepliedAt;
        const due = dueAtOf(kind, row);
        if (marked === null) continue;
        // Announced within its window, before the reply, for a deadline already due by as-of.
        expect(marked.getTime()).toBeGreaterThanOrEqual(dueSoonFrom(kind, due, COMING_DUE)!.getTime());
        expect(marked.getTime()).toBeLessThanOrEqual(due.getTime());
        expect(due.getTime()).toBeLessThanOrEqual(AS_OF.getTime());
        if (repliedAt) expect(repliedAt.getTime()).toBeGreaterThan(marked.getTime());
      }
    }
    expect(wide.filter((p) => p.row.proceduralDueSoonAt !== null && p.row.proceduralOverdueAt !== null).length).toBeGreaterThan(0);
    expect(wide.filter((p) => p.row.resultDueSoonAt !== null).length).toBeGreaterThan(0);
    // What the first sweep announces: some deadlines of the demo scale are coming due at as-of, none marked yet.
    const first = demo.filter((p) => deadlinesComingDue(p.row, AS_OF, COMING_DUE).length > 0);
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((p) => dueAtOf(deadlinesComingDue(p.row, AS_OF, COMING_DUE)[0]!, p.row).getTime() > AS_OF.getTime())).toBe(true);
  });

  it('give first-time petitions of the three kinds a leader owner before they are concluded, and no one else an owner', () => {
    for (const p of both) {
      const { row } = p;
      if (row.ownerSubject === null) {
        expect(p.ownerChanges).toEqual([]);
        if (isLeadershipOwned(row.category) && row.firstTime) expect(['CONCLUDED', 'CLOSED']).not.toContain(row.status);
        continue;
      }
      expect(isLeadershipOwned(row.category) && row.firstTime).toBe(true);
      expect(row.ownerSubject).toMatch(new RegExp(`-leader-${row.districtCode}(-\\d+)?$`));
      expect(row.ownerName).toMatch(CHINESE_NAME);
      const last = p.ownerChanges.at(-1)!;
      expect(last).toMatchObject({ ownerSubject: row.ownerSubject, ownerName: row.ownerName, at: row.ownerAssignedAt });
      const result = p.replies.find((r) => r.kind === 'RESULT');
      if (result) expect(p.ownerChanges[0]!.at.getTime()).toBeLessThan(result.repliedAt.getTime());
    }
    expect(wide.filter((p) => p.row.ownerSubject !== null && ['CONCLUDED', 'CLOSED'].includes(p.row.status)).length).toBeGreaterThan(10);
    expect(wide.some((p) => p.ownerChanges.length > 1)).toBe(true);
  });

  it('refer some petitions (referral id and time), which then owe no 3-month reply', () => {
    for (const { row, transitions, replies } of both) {
      expect(row.status === 'REFERRED').toBe(row.referralId !== null);
      expect(row.referralId === null).toBe(row.referredAt === null);
      if (row.status !== 'REFERRED') continue;
      expect(transitions.at(-1)!.at).toEqual(row.referredAt);
      expect(personalDataInText(transitions.at(-1)!.note!, row.petitionerName)).toBeNull();
      expect(replies.some((r) => r.kind === 'RESULT')).toBe(false);
    }
    const referred = wide.filter((p) => p.row.status === 'REFERRED');
    expect(new Set(referred.map((p) => p.transitions.at(-1)!.from))).toEqual(new Set(['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS']));
  });

  it('hold public hearings with panels of 3 to 7 external officers, opinions and majorities by the domain rules', () => {
    const hearings = hearingsOf(wide);
    expect(hearings.length).toBeGreaterThan(50);
    const statuses = new Set(hearings.map((h) => h.row.status));
    for (const status of ['SCHEDULED', 'CONCLUDED', 'CANCELLED'] as const) expect(statuses.has(status)).toBe(true);
    expect(new Set(hearings.flatMap((h) => h.panel.map((x) => x.officer.externalKind)))).toEqual(new Set(EXTERNAL_OFFICER_KINDS));
    for (const { petition, row, panel } of hearingsOf(both)) {
      expect(row.petitionId).toBe(petition.row.id);
      expect(row.districtCode).toBe(petition.row.districtCode);
      expect(panel.length).toBeGreaterThanOrEqual(3);
      expect(panel.length).toBeLessThanOrEqual(7);
      expect(new Set(panel.map((x) => x.officer.externalIdNumber)).size).toBe(panel.length);
      expect([...panel.map((x) => x.id)].sort()).toEqual(panel.map((x) => x.id));
      for (const { officer } of panel) {
        expect(residentIdProblem(officer.externalIdNumber)).toBeNull();
        expect(officer.externalIdNumber).not.toBe(petition.petitioner.idNumber);
        expect(officer.externalName).toMatch(CHINESE_NAME);
      }
      // Scheduled for later, on a petition still handled here.
      expect(row.scheduledFor.getTime()).toBeGreaterThan(row.createdAt.getTime());
      expect(['CLOSED', 'REFERRED']).not.toContain(statusAt(petition, row.createdAt));
      const opinions = panel.filter((x) => x.opinion !== null);
      switch (row.status) {
        case 'SCHEDULED':
          expect([row.heldAt, row.concludedAt, row.cancelledAt, row.majorityOpinion]).toEqual([null, null, null, null]);
          expect(opinions).toEqual([]);
          break;
        case 'CANCELLED':
          expect(row.cancelledAt!.getTime()).toBeLessThan(row.scheduledFor.getTime());
          expect(row.cancelReason).toBeTruthy();
          expect([row.heldAt, row.concludedAt]).toEqual([null, null]);
          expect(opinions).toEqual([]);
          break;
        case 'HELD':
          expect(row.heldAt!.getTime()).toBeGreaterThanOrEqual(row.scheduledFor.getTime());
          expect(row.concludedAt).toBeNull();
          break;
        case 'CONCLUDED':
          expect(opinions).toHaveLength(panel.length);
          expect(row.majorityOpinion).toBe(panelMajority(panel));
          expect(typeof row.adopted).toBe('boolean');
          expect(typeof row.administrativeDisputeResolved).toBe('boolean');
          expect(row.conclusion).toBeTruthy();
          for (const x of panel) expect(x.opinionAt!.getTime()).toBeGreaterThanOrEqual(row.heldAt!.getTime());
          expect(Math.max(...panel.map((x) => x.opinionAt!.getTime()))).toBeLessThanOrEqual(row.concludedAt!.getTime());
          // The petition's result reply comes after the hearing.
          for (const r of petition.replies.filter((r) => r.kind === 'RESULT')) expect(r.repliedAt.getTime()).toBeGreaterThan(row.concludedAt!.getTime());
          break;
      }
    }
    const majorities = new Set(hearings.filter((h) => h.row.status === 'CONCLUDED').map((h) => h.row.majorityOpinion));
    expect(majorities).toEqual(new Set(['SUPPORT', 'OPPOSE', 'ABSTAIN']));
  });

  it('make valid petitioner data: Chinese names, resident ID numbers and mobile numbers, none in the texts', () => {
    for (const p of both) {
      expect(p.row.petitionerName).toMatch(CHINESE_NAME);
      expect(residentIdProblem(p.petitioner.idNumber)).toBeNull();
      expect(p.petitioner.idNumber.slice(0, 6)).toBe(p.row.districtCode);
      if (p.petitioner.phone !== null) expect(mobilePhoneProblem(p.petitioner.phone)).toBeNull();
      expect(personalDataInText(p.row.content, p.row.petitionerName)).toBeNull();
      expect(p.row).not.toHaveProperty('petitionerIdNumber');
      expect(p.row).not.toHaveProperty('petitionerPhone');
    }
    expect(wide.filter((p) => p.petitioner.phone === null).length).toBeGreaterThan(0);
    // Repeated petitions: some petitioners come back.
    const ids = wide.map((p) => p.petitioner.idNumber);
    expect(new Set(ids).size).toBeLessThan(ids.length);
  });

  it('are stored with personal numbers only encrypted and hashed, as the service stores them', () => {
    const config = readSeedConfig({ DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/petitions', ...generatePersonalDataKeyEnv('seed1') });
    const cipher = personalDataCipherOf(config);
    const withHearing = wide.find((p) => p.hearings.length > 0)!;
    for (const p of [...demo.slice(0, 20), withHearing]) {
      const stored = storedPetition(p, cipher);
      expect(stored.petitionerIdNumber).toBeNull();
      expect(stored.petitionerPhone).toBeNull();
      expect(cipher.decrypt(stored.petitionerIdNumberCipher!, ID_NUMBER_PURPOSE)).toBe(p.petitioner.idNumber);
      expect(stored.petitionerIdNumberHash).toBe(idNumberHash(cipher, p.petitioner.idNumber));
      if (p.petitioner.phone) expect(cipher.decrypt(stored.petitionerPhoneCipher!, PHONE_PURPOSE)).toBe(p.petitioner.phone);
      const text = JSON.stringify(stored);
      expect(text).not.toContain(p.petitioner.idNumber);
      if (p.petitioner.phone) expect(text).not.toContain(p.petitioner.phone);
    }
    const [hearing] = withHearing.hearings;
    const panel = storedPanel(hearing!, cipher);
    expect(panel).toHaveLength(hearing!.panel.length);
    panel.forEach((row, i) => {
      const officer = hearing!.panel[i]!.officer;
      expect(row).toMatchObject({ id: hearing!.panel[i]!.id, hearingId: hearing!.row.id, petitionId: withHearing.row.id, memberId: null, externalKind: officer.externalKind, externalName: officer.externalName });
      expect(row.externalIdNumberHash).toBe(idNumberHash(cipher, officer.externalIdNumber));
      expect(row.officerKey).toBe(`external:${row.externalIdNumberHash}`);
      expect(JSON.stringify(row)).not.toContain(officer.externalIdNumber);
    });
    expect(config.PROCEDURAL_REPLY_DAYS).toBe(7);
    expect([config.HEARING_PANEL_MIN, config.HEARING_PANEL_MAX]).toEqual([3, 7]);
  });
});
