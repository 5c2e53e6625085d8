import { Role } from '@pgov/auth';
import { petitionCriteria, queueScope } from './petition-list';
import { cityAdmin, clerk, leader, person } from './petition-fixtures';

const now = new Date('2026-12-01T00:00:00Z');

describe('petition filter', () => {
  it('turns a filter into criteria, overdue as of now; empty lists do not narrow', () => {
    expect(petitionCriteria({ channel: ['LETTER'], firstTime: true, overdue: true, status: [], receivedFrom: '2026-11-01' }, now)).toEqual({
      status: undefined,
      category: undefined,
      channel: ['LETTER'],
      firstTime: true,
      receivedFrom: new Date('2026-11-01'),
      receivedTo: undefined,
      overdue: { overdue: true, now },
    });
    expect(petitionCriteria(null, now)).toMatchObject({ overdue: undefined, firstTime: undefined });
  });

  it('names the bad field', () => {
    expect(() => petitionCriteria({ receivedTo: 'yesterday' }, now)).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'filter.receivedTo' }) }));
    expect(() => petitionCriteria({ channel: ['FAX'] }, now)).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'filter.channel.0' }) }));
  });
});

describe('petition queue scope', () => {
  it("holds a handler's own petitions of their district; a leader's also the district's unassigned ones", () => {
    expect(queueScope(clerk)).toEqual({ handlerSubject: clerk.subject, unassignedOfDistrict: null, districtCode: '610113' });
    expect(queueScope(leader)).toEqual({ handlerSubject: 'leader-1', unassignedOfDistrict: '610113', districtCode: '610113' });
    expect(queueScope(cityAdmin)).toEqual({ handlerSubject: cityAdmin.subject, unassignedOfDistrict: null, districtCode: null });
    expect(queueScope(person(Role.LEADER, '610100'))?.unassignedOfDistrict).toBeNull();
  });

  it('is empty for anyone but procuratorate staff', () => {
    expect(queueScope(person(Role.ANALYST))).toBeNull();
    expect(queueScope(person(Role.GRID_WORKER))).toBeNull();
  });
});
