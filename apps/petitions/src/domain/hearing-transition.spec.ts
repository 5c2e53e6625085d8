import { Role, type Identity } from '@pgov/auth';
import { Conflict, NotFound } from '@pgov/errors';
import type { HearingOpinion } from './hearing-majority';
import type { HearingStatus } from './hearing-states';
import { IllegalHearingTransition } from './hearing-states';
import { decideHearingChange, hearingInputs, type HearingSubject } from './hearing-transition';

const procurator: Identity = { subject: 'p', name: '检察官', roles: [Role.PROCURATOR], district: '610113' };
const now = new Date('2026-12-01T02:00:00Z');
const hearing = (status: HearingStatus, opinions: (HearingOpinion | null)[] = ['SUPPORT', 'SUPPORT', 'OPPOSE']): HearingSubject => ({
  id: 'h1',
  districtCode: '610113',
  status,
  panelists: opinions.map((opinion, i) => ({ id: `p${i}`, opinion })),
});

describe('decideHearingChange', () => {
  it('holds a scheduled hearing', () => {
    expect(decideHearingChange(procurator, hearing('SCHEDULED'), { action: 'HOLD', hearingId: 'h1' }, now)).toEqual({
      action: 'HOLD',
      from: 'SCHEDULED',
      hearing: { status: 'HELD', heldAt: now },
    });
  });

  it('records an opinion of one of the panel, on a held hearing only', () => {
    const request = { action: 'RECORD_OPINION' as const, hearingId: 'h1', panelistId: 'p1', opinion: 'OPPOSE' as const, text: '证据不足' };
    expect(decideHearingChange(procurator, hearing('HELD'), request, now)).toEqual({
      action: 'RECORD_OPINION',
      from: 'HELD',
      opinion: { panelistId: 'p1', opinion: 'OPPOSE', opinionText: '证据不足', opinionAt: now },
    });
    expect(() => decideHearingChange(procurator, hearing('HELD'), { ...request, panelistId: 'other' }, now)).toThrow(NotFound);
    expect(() => decideHearingChange(procurator, hearing('SCHEDULED'), request, now)).toThrow(IllegalHearingTransition);
  });

  it('concludes by the majority once every officer has spoken', () => {
    const request = { action: 'CONCLUDE' as const, hearingId: 'h1', adopted: true, administrativeDisputeResolved: false, conclusion: '采纳多数意见' };
    expect(decideHearingChange(procurator, hearing('HELD', ['SUPPORT', 'SUPPORT', 'SUPPORT', 'OPPOSE', 'OPPOSE']), request, now)).toMatchObject({
      hearing: { status: 'CONCLUDED', majorityOpinion: 'SUPPORT', adopted: true, administrativeDisputeResolved: false, conclusion: '采纳多数意见', concludedAt: now },
    });
    expect(decideHearingChange(procurator, hearing('HELD', ['SUPPORT', 'OPPOSE', 'ABSTAIN', 'SUPPORT', 'OPPOSE']), request, now)).toMatchObject({
      hearing: { majorityOpinion: 'ABSTAIN' },
    });
    let missing: unknown;
    try {
      decideHearingChange(procurator, hearing('HELD', ['SUPPORT', null, 'OPPOSE']), request, now);
    } catch (e) {
      missing = e;
    }
    expect(missing).toBeInstanceOf(Conflict);
    expect((missing as Conflict).details).toEqual({ status: 'HELD', missingPanelistIds: ['p1'] });
  });

  it('cancels a scheduled hearing with its reason', () => {
    expect(decideHearingChange(procurator, hearing('SCHEDULED'), { action: 'CANCEL', hearingId: 'h1', reason: '申请人撤回' }, now)).toEqual({
      action: 'CANCEL',
      from: 'SCHEDULED',
      hearing: { status: 'CANCELLED', cancelledAt: now, cancelReason: '申请人撤回' },
    });
  });

  it('answers another district’s hearing as NOT_FOUND, whatever its state', () => {
    const other = { ...hearing('SCHEDULED'), districtCode: '610102' };
    expect(() => decideHearingChange(procurator, other, { action: 'HOLD', hearingId: 'h1' }, now)).toThrow(NotFound);
    expect(() => decideHearingChange(procurator, null, { action: 'HOLD', hearingId: 'h1' }, now)).toThrow(NotFound);
    expect(() => decideHearingChange({ ...procurator, roles: [Role.CLERK] }, hearing('SCHEDULED'), { action: 'HOLD', hearingId: 'h1' }, now)).toThrow(NotFound);
  });

  it('needs a reason to cancel and a conclusion to conclude', () => {
    expect(hearingInputs.CANCEL.safeParse({ hearingId: 'h1', reason: '  ' }).error!.issues[0]!.path).toEqual(['reason']);
    expect(hearingInputs.CONCLUDE.safeParse({ hearingId: 'h1', adopted: true, administrativeDisputeResolved: true }).error!.issues[0]!.path).toEqual(['conclusion']);
  });
});
