import { aclsOf } from './kafka-access';
import { PARTNERS, partnerAccess, partnerProblems } from './partners';

describe('partner declarations', () => {
  it('read only partner-readable topics and write only their own inbound topics', () => {
    expect(partnerProblems()).toEqual([]);
  });

  it('catch a partner reading an internal topic, writing a service topic, or sharing an inbound topic', () => {
    const bad = [
      { principal: 'partner-a', description: '', reads: ['clues.clue.v1'], writes: ['gridcentre.referral.v1'] },
      { principal: 'partner-b', description: '', reads: ['nope.topic.v1'], writes: ['gridcentre.referral.v1', 'petitions.petition.v1'] },
      { principal: 'Partner_C', description: '', reads: [], writes: [] },
    ];
    expect(partnerProblems(bad)).toEqual([
      'partner-a reads clues.clue.v1, which is not partner-readable',
      'partner-b reads unknown topic nope.topic.v1',
      'gridcentre.referral.v1 is written by both partner-a and partner-b',
      'partner-b writes petitions.petition.v1, which a service publishes (inbound topics only)',
      'Partner_C: principal must look like partner-<agency> (lower case)',
    ]);
  });

  it('grant a partner its topics and its group prefix, never a DLQ, Create or Delete', () => {
    const gridcentre = partnerAccess(PARTNERS.find((p) => p.principal === 'partner-gridcentre')!);
    const acls = aclsOf(gridcentre, { namespace: 't1.' });
    expect(acls).toContainEqual({ resource: { type: 'topic', name: 't1.gridcentre.referral.v1', patternType: 'literal' }, operations: ['Describe', 'Write'] });
    expect(acls).toContainEqual({ resource: { type: 'topic', name: 't1.petitions.petition.v1', patternType: 'literal' }, operations: ['Describe', 'Read'] });
    expect(acls).toContainEqual({ resource: { type: 'group', name: 't1.partner-gridcentre.', patternType: 'prefix' }, operations: ['Read'] });
    expect(acls.some((a) => a.resource.name.endsWith('.dlq'))).toBe(false);
    expect(acls.flatMap((a) => a.operations)).not.toContain('Delete');
  });
});
