import { randomUUID } from 'node:crypto';
import { Role, type Identity } from '@pgov/auth';
import { Conflict, Forbidden, InvalidInput } from '@pgov/errors';
import { parseInput } from '@pgov/graphql-kit';
import {
  createTrainingInput,
  decideAttendees,
  decideNewTraining,
  heldOnRange,
  recordTrainingAttendanceInput,
  statsPeriod,
} from './training';
import type { MemberOfDistrict } from './training-access';

const identityOf = (role: Role, district: string, subject: string = randomUUID()): Identity => ({ subject, name: '测试', roles: [role], district });

const TODAY = '2026-11-26';

/** The ZodError path and message of a rejected input. */
function problem(schema: Parameters<typeof parseInput>[0], input: unknown): { field: string; reason: string } {
  try {
    parseInput(schema, input);
  } catch (e) {
    const [issue] = (e as { issues: { path: (string | number)[]; message: string }[] }).issues;
    return { field: issue?.path.join('.') ?? '', reason: issue?.message ?? '' };
  }
  throw new Error('input was accepted');
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('nothing thrown');
}

describe('createTraining input', () => {
  const ok = { title: '  检察信息员业务培训 ', districtCode: '610113', heldOn: '2026-11-20' };

  it('trims the title and accepts a district, the city and a real date', () => {
    expect(parseInput(createTrainingInput, ok)).toEqual({ title: '检察信息员业务培训', districtCode: '610113', heldOn: '2026-11-20' });
    expect(parseInput(createTrainingInput, { ...ok, districtCode: '610100' }).districtCode).toBe('610100');
    expect(parseInput(createTrainingInput, { ...ok, title: 'x'.repeat(200) }).title).toHaveLength(200);
  });

  it.each([
    [{ ...ok, title: '   ' }, 'input.title', 'must not be empty'],
    [{ ...ok, title: 'x'.repeat(201) }, 'input.title', 'must be at most 200 characters'],
    [{ ...ok, districtCode: '110105' }, 'input.districtCode', 'must be 610100 (the city) or one of its 13 districts'],
    [{ ...ok, heldOn: '2026-02-30' }, 'input.heldOn', 'must be a date that exists, YYYY-MM-DD'],
    [{ ...ok, heldOn: '20.11.2026' }, 'input.heldOn', 'must be a date that exists, YYYY-MM-DD'],
  ])('refuses %j naming the field', (input, field, reason) => {
    expect(problem(createTrainingInput, input)).toEqual({ field, reason });
  });
});

describe('decideNewTraining', () => {
  const input = { title: '培训', districtCode: '610113', heldOn: '2026-11-20' };

  it('lets CITY_ADMIN create for any district and the city, LEADER and CLERK for their own district', () => {
    const admin = identityOf(Role.CITY_ADMIN, '610100');
    expect(decideNewTraining(admin, input, TODAY)).toEqual({ ...input, createdBy: admin.subject });
    expect(decideNewTraining(admin, { ...input, districtCode: '610100' }, TODAY).districtCode).toBe('610100');
    expect(decideNewTraining(identityOf(Role.LEADER, '610113'), input, TODAY).districtCode).toBe('610113');
    expect(decideNewTraining(identityOf(Role.CLERK, '610113'), input, TODAY).districtCode).toBe('610113');
    expect(decideNewTraining(identityOf(Role.CLERK, '610100'), { ...input, districtCode: '610100' }, TODAY).districtCode).toBe('610100');
  });

  it.each([
    ['a procurator of the district', identityOf(Role.PROCURATOR, '610113'), '610113'],
    ['a grid worker', identityOf(Role.GRID_WORKER, '610113'), '610113'],
    ['a clerk of another district', identityOf(Role.CLERK, '610112'), '610113'],
    ['a district clerk, for the city', identityOf(Role.CLERK, '610113'), '610100'],
    ['a city leader, for a district', identityOf(Role.LEADER, '610100'), '610113'],
    ['an analyst', identityOf(Role.ANALYST, '610100'), '610113'],
  ])('forbids %s', (_, identity, districtCode) => {
    expect(thrown(() => decideNewTraining(identity, { ...input, districtCode }, TODAY))).toBeInstanceOf(Forbidden);
  });

  it('takes dates up to 366 days ahead and from 2000 on', () => {
    const clerk = identityOf(Role.CLERK, '610113');
    expect(decideNewTraining(clerk, { ...input, heldOn: '2027-11-27' }, TODAY).heldOn).toBe('2027-11-27');
    expect(thrown(() => decideNewTraining(clerk, { ...input, heldOn: '2027-11-28' }, TODAY))).toMatchObject({
      field: 'input.heldOn',
      reason: 'must be at most 366 days ahead (2027-11-27)',
    });
    expect(decideNewTraining(clerk, { ...input, heldOn: '2000-01-01' }, TODAY).heldOn).toBe('2000-01-01');
    expect(thrown(() => decideNewTraining(clerk, { ...input, heldOn: '1999-12-31' }, TODAY))).toMatchObject({ field: 'input.heldOn' });
  });
});

describe('recordTrainingAttendance input', () => {
  it('needs one to 500 member ids', () => {
    expect(problem(recordTrainingAttendanceInput, { trainingId: randomUUID(), memberIds: [] })).toEqual({
      field: 'input.memberIds',
      reason: 'must name at least one member',
    });
    expect(problem(recordTrainingAttendanceInput, { trainingId: randomUUID(), memberIds: Array.from({ length: 501 }, () => randomUUID()) }).field).toBe(
      'input.memberIds',
    );
    expect(problem(recordTrainingAttendanceInput, { trainingId: '', memberIds: [randomUUID()] }).field).toBe('input.trainingId');
  });
});

describe('decideAttendees', () => {
  const own = (districtCode = '610113'): MemberOfDistrict => ({ id: randomUUID(), districtCode });
  const known = (...members: MemberOfDistrict[]) => new Map(members.map((m) => [m.id, m]));
  const districtTraining = { districtCode: '610113', heldOn: '2026-11-20' };
  const cityTraining = { districtCode: '610100', heldOn: '2026-11-20' };

  it("keeps each member once, in the order asked, for the district's clerk", () => {
    const [a, b] = [own(), own()];
    const attendees = decideAttendees(identityOf(Role.CLERK, '610113'), districtTraining, [b.id, a.id, b.id], known(a, b), TODAY);
    expect(attendees.map((m) => m.id)).toEqual([b.id, a.id]);
  });

  it('names the index of an unknown member, and of a member the caller may not see, alike', () => {
    const [a, stranger] = [own(), own('610112')];
    const clerk = identityOf(Role.CLERK, '610113');
    expect(thrown(() => decideAttendees(clerk, districtTraining, [a.id, randomUUID()], known(a), TODAY))).toMatchObject({
      field: 'input.memberIds.1',
      reason: 'unknown member',
    });
    const e = thrown(() => decideAttendees(clerk, districtTraining, [a.id, a.id, stranger.id], known(a, stranger), TODAY));
    expect(e).toBeInstanceOf(InvalidInput);
    expect(e).toMatchObject({ field: 'input.memberIds.2', reason: 'unknown member' });
  });

  it('takes members of any district for a city training, and from a city-wide CITY_ADMIN for a district training', () => {
    const members = [own('610112'), own('610113')];
    const cityClerk = identityOf(Role.CLERK, '610100');
    expect(decideAttendees(cityClerk, cityTraining, members.map((m) => m.id), known(...members), TODAY)).toHaveLength(2);
    const admin = identityOf(Role.CITY_ADMIN, '610100');
    expect(decideAttendees(admin, districtTraining, members.map((m) => m.id), known(...members), TODAY)).toHaveLength(2);
  });

  it('refuses a member of another district on a district training from a caller scoped to the district', () => {
    const stranger = own('610112');
    // A CITY_ADMIN scoped to one district sees and manages that district only.
    const admin = identityOf(Role.CITY_ADMIN, '610113');
    expect(thrown(() => decideAttendees(admin, districtTraining, [stranger.id], known(stranger), TODAY))).toMatchObject({ field: 'input.memberIds.0' });
  });

  it('forbids callers who may not manage the training, and recording before the training is held', () => {
    const a = own();
    expect(thrown(() => decideAttendees(identityOf(Role.PROCURATOR, '610113'), districtTraining, [a.id], known(a), TODAY))).toBeInstanceOf(Forbidden);
    expect(thrown(() => decideAttendees(identityOf(Role.CLERK, '610113'), cityTraining, [a.id], known(a), TODAY))).toBeInstanceOf(Forbidden);
    const future = { districtCode: '610113', heldOn: '2026-11-27' };
    expect(thrown(() => decideAttendees(identityOf(Role.CLERK, '610113'), future, [a.id], known(a), TODAY))).toBeInstanceOf(Conflict);
    expect(decideAttendees(identityOf(Role.CLERK, '610113'), { ...future, heldOn: TODAY }, [a.id], known(a), TODAY)).toHaveLength(1);
  });
});

describe('list ranges and statistics periods', () => {
  it('turns inclusive from/to into [from, day after to)', () => {
    expect(heldOnRange(null, null)).toEqual({});
    expect(heldOnRange('2026-11-01', '2026-11-30')).toEqual({ from: '2026-11-01', until: '2026-12-01' });
    expect(heldOnRange(undefined, '2026-12-31')).toEqual({ until: '2027-01-01' });
    expect(thrown(() => heldOnRange('2026-11-31', null))).toMatchObject({ field: 'from' });
    expect(thrown(() => heldOnRange('2026-11-02', '2026-11-01'))).toMatchObject({ field: 'to', reason: 'must not be before from' });
  });

  it('bounds a month, a quarter and a year, and names a period of the wrong kind', () => {
    expect(statsPeriod('MONTH', '2026-11')).toEqual({ from: '2026-11-01', until: '2026-12-01' });
    expect(statsPeriod('QUARTER', '2026-Q4')).toEqual({ from: '2026-10-01', until: '2027-01-01' });
    expect(statsPeriod('YEAR', '2026')).toEqual({ from: '2026-01-01', until: '2027-01-01' });
    expect(thrown(() => statsPeriod('QUARTER', '2026-11'))).toMatchObject({ field: 'period', reason: 'is not a quarter like 2026-Q4' });
  });
});
