import { buildEnvelope, EventContractError, validateEnvelope } from './validation';
import { clueSubmitted, type ClueSubmittedData } from './events/clues/clue-submitted.event';
import { pointsCredited } from './events/grids/points-credited.event';

const clueData = (over: Partial<ClueSubmittedData> = {}): ClueSubmittedData => ({
  clueId: '3b241101-e2bb-4255-8caf-4136c566a962',
  number: '610113-2026-000012',
  districtCode: '610113',
  gridCode: 'G-610113-007',
  source: 'GRID_REPORT',
  category: 'PUBLIC_INTEREST_ECOLOGY',
  reporterMemberId: '9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
  submittedAt: '2026-03-01T08:30:00.000Z',
  ...over,
});

const validEnvelope = (): Record<string, unknown> => ({
  id: 'c0a80101-0000-4000-8000-000000000001',
  type: 'clues.clue.submitted',
  source: 'clues',
  subject: '3b241101-e2bb-4255-8caf-4136c566a962',
  time: '2026-03-01T08:30:00.123+08:00',
  district: '610113',
  schemaVersion: 1,
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  data: clueData(),
});

function reasons(value: unknown): string[] {
  const result = validateEnvelope(clueSubmitted, value);
  if (result.ok) throw new Error('expected the envelope to be rejected');
  return result.errors;
}

describe('validateEnvelope', () => {
  it('accepts a valid envelope and returns it typed', () => {
    const result = validateEnvelope(clueSubmitted, validEnvelope());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.envelope.data.number).toBe('610113-2026-000012');
  });

  it('accepts null grid and reporter, and no traceparent', () => {
    const value = validEnvelope();
    delete value['traceparent'];
    value['data'] = clueData({ gridCode: null, reporterMemberId: null });
    expect(validateEnvelope(clueSubmitted, value)).toMatchObject({ ok: true });
  });

  it.each([
    ['a missing envelope field', (v: Record<string, unknown>) => delete v['subject'], '(root): missing required property "subject"'],
    ['an unknown envelope field', (v: Record<string, unknown>) => (v['extra'] = 1), '(root): unknown property "extra"'],
    ['a non-uuid id', (v: Record<string, unknown>) => (v['id'] = 'abc'), '/id: must match format "uuid"'],
    ['another event type', (v: Record<string, unknown>) => (v['type'] = 'clues.clue.accepted'), '/type: must be "clues.clue.submitted"'],
    ['another schema version', (v: Record<string, unknown>) => (v['schemaVersion'] = 2), '/schemaVersion: must be 1'],
    ['a time without offset', (v: Record<string, unknown>) => (v['time'] = '2026-03-01 08:30'), '/time: must match format "date-time"'],
    ['a bad district code', (v: Record<string, unknown>) => (v['district'] = '61011'), '/district: must match pattern'],
    ['a bad traceparent', (v: Record<string, unknown>) => (v['traceparent'] = 'xyz'), '/traceparent: must match pattern'],
    ['data that is not an object', (v: Record<string, unknown>) => (v['data'] = 'x'), '/data: must be object'],
  ])('rejects %s with a readable reason', (_name, mutate, reason) => {
    const value = validEnvelope();
    mutate(value);
    expect(reasons(value).join('\n')).toContain(reason);
  });

  it.each([
    ['an unknown data field', { secret: 'x' }, '/data: unknown property "secret"'],
    ['a bad enum value', { source: 'EMAIL' }, '/data/source: must be one of "GRID_REPORT"'],
    ['a bad clue number', { number: '12' }, '/data/number: must match pattern'],
    ['a non-uuid reporter', { reporterMemberId: 'someone' }, '/data/reporterMemberId: must match format "uuid"'],
    ['a numeric grid code', { gridCode: 7 }, '/data/gridCode: must be string,null'],
  ])('rejects %s in data', (_name, over, reason) => {
    const value = validEnvelope();
    value['data'] = { ...clueData(), ...over };
    expect(reasons(value).join('\n')).toContain(reason);
  });

  it('reports a missing data field', () => {
    const value = validEnvelope();
    const { category: _dropped, ...data } = clueData();
    value['data'] = data;
    expect(reasons(value)).toEqual(['/data: missing required property "category"']);
  });

  it('reports every problem at once', () => {
    const value = validEnvelope();
    value['id'] = 'nope';
    value['district'] = 'x';
    expect(reasons(value)).toHaveLength(2);
  });

  it.each([null, 'text', 42, []])('rejects a non-object (%p)', (value) => {
    expect(reasons(value)[0]).toBe('(root): must be object');
  });
});

describe('buildEnvelope', () => {
  it('fills id, time, type and schema version', () => {
    const envelope = buildEnvelope(
      pointsCredited,
      {
        subject: '9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
        district: '610113',
        data: {
          memberId: '9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
          clueId: '3b241101-e2bb-4255-8caf-4136c566a962',
          points: 5,
          reason: 'clue accepted',
          ledgerEntryId: '11111111-2222-4333-8444-555555555555',
          creditedAt: '2026-03-02T10:00:00Z',
        },
      },
      { source: 'grids' },
    );
    expect(envelope).toMatchObject({ type: 'grids.points.credited', schemaVersion: 1, source: 'grids' });
    expect(envelope.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(envelope.time))).toBe(false);
    expect(envelope).not.toHaveProperty('traceparent');
  });

  it('keeps a given id, time and traceparent', () => {
    const envelope = buildEnvelope(
      clueSubmitted,
      { subject: 's-1', district: '610100', data: clueData(), traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      { source: 'clues', id: 'c0a80101-0000-4000-8000-000000000009', time: new Date('2026-01-01T00:00:00Z') },
    );
    expect(envelope).toMatchObject({ id: 'c0a80101-0000-4000-8000-000000000009', time: '2026-01-01T00:00:00.000Z' });
  });

  it('throws EventContractError listing the problems', () => {
    const build = () =>
      buildEnvelope(clueSubmitted, { subject: '', district: '6101', data: clueData({ clueId: 'x' }) }, { source: 'clues' });
    expect(build).toThrow(EventContractError);
    try {
      build();
    } catch (error) {
      expect((error as EventContractError).errors).toEqual(
        expect.arrayContaining([
          '/subject: must NOT have fewer than 1 characters',
          '/district: must match pattern "^[1-9][0-9]{5}$"',
          '/data/clueId: must match format "uuid"',
        ]),
      );
    }
  });
});
