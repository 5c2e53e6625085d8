/**
 * Partner agencies on the event backbone: the one declaration their broker users and ACLs, their
 * Strimzi KafkaUsers (infra/kafka/partners.yaml), the AsyncAPI document's x-partners section and
 * the onboarding tool (tools/partners.ts) are made from. A partner reads only partner-readable
 * topics and writes only its own inbound topics; partnerProblems() checks both.
 */
import type { AnyEventDefinition } from './define-event';
import type { KafkaAccess } from './kafka-access';
import { SERVICE_ACCESS } from './principals';
import { allEvents } from './registry';

export interface Partner {
  /** The SCRAM user name (also the KafkaUser and its Secret): `partner-<agency>`. */
  principal: string;
  /** Who they are, for the catalogue and the guide. */
  description: string;
  /** Partner-readable topics they consume. */
  reads: readonly string[];
  /** Their inbound topics: only they write them; the clues service validates and dead-letters. */
  writes: readonly string[];
}

export const PARTNERS: readonly Partner[] = Object.freeze([
  {
    principal: 'partner-corrections',
    description: 'Justice bureau, community-corrections platform (司法局社区矫正平台): reports on persons under community corrections; reads the procuratorial recommendations.',
    reads: ['clues.recommendation.v1'],
    writes: ['corrections.person.v1'],
  },
  {
    principal: 'partner-gridcentre',
    description: "District grid / Ping'an centres (综治中心): refer matters to the procuratorate; read the grid hierarchy, trainings and petitions.",
    reads: ['grids.hierarchy.v1', 'grids.training.v1', 'petitions.petition.v1'],
    writes: ['gridcentre.referral.v1'],
  },
  {
    principal: 'partner-social-governance',
    description: 'Social-governance office (社会治理办): follows petitions, hearings and indicator alerts; writes nothing.',
    reads: ['petitions.petition.v1', 'petitions.hearing.v1', 'indicators.alert.v1'],
    writes: [],
  },
]);

/** A partner's consumer groups all start with `<principal>.` (kcat -G partner-x.mine ...). */
export function partnerGroupPrefix(partner: Pick<Partner, 'principal'>): string {
  return `${partner.principal}.`;
}

export function partnerAccess(partner: Partner): KafkaAccess {
  return {
    principal: partner.principal,
    kind: 'partner',
    deadLetters: false,
    writes: partner.writes,
    reads: partner.reads,
    groups: [{ name: partnerGroupPrefix(partner), patternType: 'prefix', operations: ['Read'] }],
  };
}

export function partnerByPrincipal(principal: string): Partner | undefined {
  return PARTNERS.find((p) => p.principal === principal);
}

/** Every principal with access to the broker (admin and the controller aside). */
export function allKafkaAccess(): KafkaAccess[] {
  return [...SERVICE_ACCESS, ...PARTNERS.map(partnerAccess)];
}

/**
 * What is wrong with the declarations: unknown topics, a partner reading an internal topic, an
 * inbound topic a service writes too or two partners share, a bad principal name.
 */
export function partnerProblems(partners: readonly Partner[] = PARTNERS, events: readonly AnyEventDefinition[] = allEvents): string[] {
  const problems: string[] = [];
  const topics = new Map<string, AnyEventDefinition[]>();
  for (const def of events) topics.set(def.topic, [...(topics.get(def.topic) ?? []), def]);
  const serviceWritten = new Set(SERVICE_ACCESS.flatMap((s) => s.writes));
  const writers = new Map<string, string>();
  const seen = new Set<string>();
  for (const partner of partners) {
    if (!/^partner-[a-z0-9-]+$/.test(partner.principal)) problems.push(`${partner.principal}: principal must look like partner-<agency> (lower case)`);
    if (seen.has(partner.principal)) problems.push(`${partner.principal}: declared twice`);
    seen.add(partner.principal);
    for (const topic of partner.reads) {
      const defs = topics.get(topic);
      if (!defs) problems.push(`${partner.principal} reads unknown topic ${topic}`);
      else if (!defs.every((d) => d.partnerReadable)) problems.push(`${partner.principal} reads ${topic}, which is not partner-readable`);
    }
    for (const topic of partner.writes) {
      if (!topics.has(topic)) problems.push(`${partner.principal} writes unknown topic ${topic}`);
      if (serviceWritten.has(topic)) problems.push(`${partner.principal} writes ${topic}, which a service publishes (inbound topics only)`);
      const other = writers.get(topic);
      if (other) problems.push(`${topic} is written by both ${other} and ${partner.principal}`);
      writers.set(topic, partner.principal);
    }
  }
  return problems;
}
