import { z } from 'zod';
import { HEARING_OFFICER_KINDS, INFORMANT_ROLES, MEMBER_STATUSES, MEMBER_TEAMS } from '@pgov/contracts';
import { mobilePhoneProblem, residentIdProblem } from '@pgov/privacy';
import { isCalendarDate } from '@pgov/reference-data';

// The member mutations' inputs as clients send them. Messages name the rule, never the value:
// a phone or ID number must not come back in an error (SECURITY.md).

export const NAME_MAX = 50;
const REASON_MAX = 500;

const check = (problemOf: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const problem = problemOf(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

const text = (max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`));

/** Spaces and dashes people type in a phone number are not part of it. */
const phone = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .superRefine(check(mobilePhoneProblem));
/** The check character may be typed as a lower-case x. */
const idNumber = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .superRefine(check(residentIdProblem));
const date = z.string().refine(isCalendarDate, 'must be a date that exists, YYYY-MM-DD');
const memberId = z.string().min(1, 'must not be empty');
const gridCode = z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters');

export const team = z.enum(MEMBER_TEAMS);
export const informantRole = z.enum(INFORMANT_ROLES);
export const hearingOfficerKind = z.enum(HEARING_OFFICER_KINDS);

export const registerMemberInput = z
  .object({
    name: text(NAME_MAX),
    team,
    gridCode,
    phone,
    idNumber,
    joinedOn: date.nullish(),
    informantRoles: z
      .array(informantRole)
      .nullish()
      .transform((roles) => [...new Set(roles ?? [])]),
    hearingOfficerKind: hearingOfficerKind.nullish(),
  })
  .superRefine((input, ctx) => {
    if (input.informantRoles.length > 0 && input.team !== 'GRID_WORKER') {
      ctx.addIssue({ code: 'custom', path: ['informantRoles'], message: 'only grid workers hold informant roles' });
    }
    if (input.team === 'HEARING_OFFICER' && !input.hearingOfficerKind) {
      ctx.addIssue({ code: 'custom', path: ['hearingOfficerKind'], message: 'is required for team HEARING_OFFICER' });
    }
    if (input.team !== 'HEARING_OFFICER' && input.hearingOfficerKind) {
      ctx.addIssue({ code: 'custom', path: ['hearingOfficerKind'], message: 'is only for team HEARING_OFFICER' });
    }
  });

/** Absent and null both mean "leave as it is". */
export const updateMemberInput = z.object({
  id: memberId,
  name: text(NAME_MAX).nullish(),
  phone: phone.nullish(),
  idNumber: idNumber.nullish(),
  joinedOn: date.nullish(),
  team: team.nullish(),
  hearingOfficerKind: hearingOfficerKind.nullish(),
});

export const changeMemberStatusInput = z.object({
  id: memberId,
  status: z.enum(MEMBER_STATUSES),
  reason: text(REASON_MAX),
});

export const moveMemberInput = z.object({ id: memberId, gridCode });

export const informantRoleInput = z.object({ id: memberId, role: informantRole });

export type RegisterMemberInput = z.infer<typeof registerMemberInput>;
export type UpdateMemberInput = z.infer<typeof updateMemberInput>;
export type ChangeMemberStatusInput = z.infer<typeof changeMemberStatusInput>;
export type MoveMemberInput = z.infer<typeof moveMemberInput>;
export type InformantRoleInput = z.infer<typeof informantRoleInput>;
