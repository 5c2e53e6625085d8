/**
 * The Kubernetes manifests (infra/k8s), rendered by Kustomize and checked offline: every document
 * against its schema (kubernetes-validate; Strimzi's CRDs for the Kafka resources), the rules every
 * workload keeps (probes, resources, non-root, read-only root), the network rules, migrations before
 * rollout, and that nothing drifts from the code: env names and values against each program's
 * config schema, KafkaTopics against the contracts, KafkaUsers against what each service's code
 * publishes and consumes, and the broker as the local one runs (every listener authenticates, ACLs
 * only, each program its own principal and Secret). Needs what tools/infra/install.sh installs into .cache.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import { allEvents, allKafkaAccess, PARTNERS, partnerAccess, partnerProblems, SERVICE_ACCESS } from '@pgov/contracts';
import { createLogger } from '@pgov/logger';
import { generatePersonalDataKeyEnv } from '@pgov/privacy';
import { gatewayEnv, loadGatewayConfig } from '../../apps/gateway/src/config';
import { LIVE_EVENTS } from '../../apps/gateway/src/subscriptions/live-events';
import { readConfig as readGridsConfig } from '../../apps/grids/src/config';
import { readConfig as readCluesConfig } from '../../apps/clues/src/config';
import { readConfig as readPetitionsConfig } from '../../apps/petitions/src/config';
import { readConfig as readIndicatorsConfig } from '../../apps/indicators/src/config';
import { createGridsService } from '../../apps/grids/src/service';
import { createCluesService } from '../../apps/clues/src/service';
import { createPetitionsService } from '../../apps/petitions/src/service';
import { createIndicatorsService } from '../../apps/indicators/src/service';
import { renderTopics } from '../../tools/write-topics';
import { KAFKA_CLUSTER, kafkaUserOf, kafkaUserYaml, partnersYaml, wiringProblems, type ServiceWiring } from './support/kafka-users';
import { K8S, ROOT, readYaml, render, type Doc, type Rendered } from './support/render';
import { strimziValidators } from './support/strimzi-schemas';

// Every config schema a program parses (loadConfig's shape, by program name): the keys a manifest may set.
const mockConfigKeys = new Map<string, string[]>();
jest.mock('@pgov/config', () => {
  const actual = jest.requireActual('@pgov/config');
  return {
    ...actual,
    loadConfig: (service: string, shape: z.ZodRawShape, env: Record<string, string | undefined>) => {
      mockConfigKeys.set(service, Object.keys(shape));
      return actual.loadConfig(service, shape, env);
    },
  };
});

// What each service hands createDomainService (its topics, handlers, group), without starting anything.
const mockWirings = new Map<string, { name: string; publishes: ServiceWiring['publishes']; handlers: { event: ServiceWiring['consumes'][number] }[] }>();
jest.mock('@pgov/subgraph-server', () => {
  const actual = jest.requireActual('@pgov/subgraph-server');
  return {
    ...actual,
    createDomainService: (options: { name: string; publishes: ServiceWiring['publishes']; handlers: { event: ServiceWiring['consumes'][number] }[] }) => {
      mockWirings.set(options.name, options);
      return { server: null, relay: null, consumer: null, shutdownSteps: [], start: async () => '', stop: async () => undefined };
    },
  };
});

type Env = Record<string, string | undefined>;
const SUBGRAPHS = {
  grids: { port: 4001, readConfig: readGridsConfig, create: (env: Env) => createGridsService(readGridsConfig(env), silent) },
  clues: { port: 4002, readConfig: readCluesConfig, create: (env: Env) => createCluesService(readCluesConfig(env), silent) },
  petitions: { port: 4003, readConfig: readPetitionsConfig, create: (env: Env) => createPetitionsService(readPetitionsConfig(env), silent) },
  indicators: { port: 4004, readConfig: readIndicatorsConfig, create: (env: Env) => createIndicatorsService(readIndicatorsConfig(env), silent) },
} as const;
type Subgraph = keyof typeof SUBGRAPHS;
const SUBGRAPH_NAMES = Object.keys(SUBGRAPHS) as Subgraph[];
const PROGRAMS = ['gateway', ...SUBGRAPH_NAMES];
const silent = createLogger('infra-spec', 'silent');

const ENVIRONMENTS = [
  { name: 'dev', namespace: 'pgov-dev' },
  { name: 'prod', namespace: 'pgov' },
];

/**
 * Made per environment outside Git (infra/README.md "Before the first deploy"), so absent from the
 * rendered output; the spec stands in for their values with valid ones.
 */
const EXTERNAL_SECRETS: Record<string, string[]> = Object.fromEntries(
  SUBGRAPH_NAMES.flatMap((s) => [
    [`${s}-db`, ['DATABASE_URL']],
    [`${s}-personal-data`, ['PERSONAL_DATA_KEYS', 'PERSONAL_DATA_ACTIVE_KEY', 'PERSONAL_DATA_HASH_KEY']],
    [`${s}-audit-chain`, ['AUDIT_CHAIN_KEY']],
  ]),
);
const EXTERNAL_CONFIG_MAPS: Record<string, string[]> = { 'pgov-idp': ['public.pem'] };
const SECRET_STAND_INS: Record<string, string> = {
  DATABASE_URL: 'postgresql://service:secret@postgresql.example:5432/service',
  ...generatePersonalDataKeyEnv(),
  // A KafkaUser's SCRAM password (the Secret Strimzi's User Operator makes, named like the user).
  password: 'stand-in-scram-password',
};

/**
 * Made by Strimzi, not by hand: the cluster CA's certificate (Cluster Operator), and per KafkaUser a
 * Secret of its name with its password (User Operator); a program may use only the one of the
 * KafkaUser rendered with it.
 */
const CLUSTER_CA_SECRET = { name: `${KAFKA_CLUSTER}-cluster-ca-cert`, key: 'ca.crt' };
const KAFKA_USER_SECRET_KEY = 'password';
/** The labels Strimzi gives the broker pods of the cluster (what an egress rule must select). */
const KAFKA_POD_LABELS = { 'strimzi.io/cluster': KAFKA_CLUSTER, 'strimzi.io/kind': 'Kafka', 'strimzi.io/name': `${KAFKA_CLUSTER}-kafka`, 'strimzi.io/broker-role': 'true' };
/** A file standing in for the mounted CA certificate when a program's config reads it (the gateway's). */
let caStandIn: string;

const kinds = (docs: Doc[], kind: string) => docs.filter((d) => d.kind === kind);
const named = (docs: Doc[], kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata.name === name);
const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
const withoutNamespace = (doc: Doc): Doc => ({ ...doc, metadata: Object.fromEntries(Object.entries(doc.metadata).filter(([k]) => k !== 'namespace')) });

/** The Secret keys a container of this kustomization may read: the documented ones and its KafkaUsers'. */
const secretKeysOf = (docs: Doc[]): Record<string, string[]> => ({
  ...EXTERNAL_SECRETS,
  ...Object.fromEntries(kinds(docs, 'KafkaUser').map((user) => [user.metadata.name, [KAFKA_USER_SECRET_KEY]])),
});

/** The app container's environment as the program sees it: ConfigMaps' data, values, Secrets' stand-ins. */
function containerEnv(docs: Doc[], container: Doc, problems: string[]): Record<string, string> {
  const secretKeys = secretKeysOf(docs);
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (!source.configMapRef) {
      problems.push(`${container.name}: envFrom only from ConfigMaps (Secrets by key, so their names are checked)`);
      continue;
    }
    const map = named(docs, 'ConfigMap', source.configMapRef.name);
    if (!map) problems.push(`${container.name}: ConfigMap ${source.configMapRef.name} is not in the same kustomization`);
    Object.assign(env, map?.data ?? {});
  }
  for (const variable of container.env ?? []) {
    const secret = variable.valueFrom?.secretKeyRef;
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else if (secret) {
      if (!secretKeys[secret.name]?.includes(secret.key)) problems.push(`${container.name}: ${variable.name} from unknown Secret key ${secret.name}/${secret.key}`);
      const standIn = SECRET_STAND_INS[secret.key];
      if (standIn === undefined) problems.push(`${container.name}: no stand-in for Secret key ${secret.key}`);
      else env[variable.name] = standIn;
    } else problems.push(`${container.name}: ${variable.name} must have a value or come from a Secret key`);
  }
  return env;
}

/** The NetworkPolicies of an environment that select a pod with these labels, for one direction. */
function policiesFor(policies: Doc[], labels: Record<string, string>, type: 'Ingress' | 'Egress'): Doc[] {
  return policies.filter((p) => matches(p.spec.podSelector.matchLabels, labels) && (p.spec.policyTypes ?? ['Ingress']).includes(type));
}

/** The volume item a container sees at `path` (its volume and key), if a mount puts one there. */
function mountedAt(pod: Doc, container: Doc, path: string): { volume: Doc; key: string } | undefined {
  const mount = ((container.volumeMounts ?? []) as Doc[]).find((m) => path.startsWith(`${m.mountPath}/`));
  const volume = ((pod.volumes ?? []) as Doc[]).find((v) => v.name === mount?.name);
  const item = ((volume?.configMap ?? volume?.secret)?.items ?? []).find((i: Doc) => i.path === path.slice(`${mount?.mountPath}/`.length));
  return volume && item ? { volume, key: item.key } : undefined;
}

/**
 * Whether an egress rule of the pod's policies lets it reach TCP `port` of the pods labelled
 * `target` in its namespace (no policy: everything).
 */
function egressReaches(policies: Doc[], labels: Record<string, string>, target: Record<string, string>, port: number): boolean {
  const selecting = policiesFor(policies, labels, 'Egress');
  if (selecting.length === 0) return true;
  return selecting.some((p) =>
    (p.spec.egress ?? []).some(
      (rule: Doc) =>
        (!rule.ports || rule.ports.some((r: Doc) => r.port === port)) &&
        (!rule.to || rule.to.some((peer: Doc) => peer.podSelector && !peer.namespaceSelector && !peer.ipBlock && matches(peer.podSelector.matchLabels, target))),
    ),
  );
}

/** Whether any egress rule of these policies lets the pod reach TCP `port` (no policy: everything). */
function egressAllows(policies: Doc[], labels: Record<string, string>, port: number): boolean {
  const selecting = policiesFor(policies, labels, 'Egress');
  if (selecting.length === 0) return true;
  return selecting.some((p) =>
    (p.spec.egress ?? []).some((rule: Doc) => !rule.ports || rule.ports.some((r: Doc) => r.port === port || r.port === undefined)),
  );
}

const PARTNERS_FILE = join(ROOT, 'infra', 'kafka', 'partners.yaml');
const declaredAccess = (name: string) => {
  const access = SERVICE_ACCESS.find((a) => a.principal === name);
  if (!access) throw new Error(`${name} has no entry in SERVICE_ACCESS (libs/contracts/src/principals.ts)`);
  return access;
};

let wirings: Map<string, ServiceWiring>;
const wiringOf = (name: string): ServiceWiring => {
  const wiring = wirings.get(name);
  if (!wiring) throw new Error(`${name} did not call createDomainService`);
  return wiring;
};

beforeAll(async () => {
  // Wiring is code, not manifests: read with valid stand-in settings.
  const env = { KAFKA_BROKERS: 'kafka:9092', AUTH_PUBLIC_KEY_FILE: '/dev/null', ...SECRET_STAND_INS };
  for (const name of SUBGRAPH_NAMES) await SUBGRAPHS[name].create(env).db.$disconnect();
  wirings = new Map(
    [...mockWirings.values()].map((w) => [w.name, { name: w.name, publishes: w.publishes, consumes: w.handlers.map((h) => h.event) }]),
  );
  caStandIn = join(mkdtempSync(join(tmpdir(), 'infra-spec-')), 'ca.crt');
  writeFileSync(caStandIn, '-----BEGIN CERTIFICATE-----\n(stand-in for the cluster CA)\n-----END CERTIFICATE-----\n');
  if (process.env.WRITE_KAFKA_USERS === '1') {
    for (const name of PROGRAMS) writeFileSync(join(K8S, 'base', name, 'kafka-user.yaml'), kafkaUserYaml(declaredAccess(name)));
    writeFileSync(PARTNERS_FILE, partnersYaml(PARTNERS.map(partnerAccess)));
  }
});

afterAll(() => rmSync(dirname(caStandIn), { recursive: true, force: true }));

describe('Kafka principals', () => {
  test('every subgraph is wired through createDomainService', () => {
    expect([...wirings.keys()].sort()).toEqual([...SUBGRAPH_NAMES].sort());
  });

  test.each(SUBGRAPH_NAMES)('%s: the declaration in libs/contracts is what the code publishes and consumes', (name) => {
    expect(wiringProblems(wiringOf(name), SERVICE_ACCESS.find((a) => a.principal === name))).toEqual([]);
  });

  test('every program is a principal of its own, and every service principal a program', () => {
    expect(SERVICE_ACCESS.map((a) => a.principal).sort()).toEqual([...PROGRAMS].sort());
  });

  test('the gateway reads exactly the topics of its live events', () => {
    expect([...new Set(LIVE_EVENTS.map((e) => e.topic))].sort()).toEqual([...declaredAccess('gateway').reads].sort());
  });

  test.each(PROGRAMS)('base/%s/kafka-user.yaml grants what the program publishes and consumes', (name) => {
    const file = join(K8S, 'base', name, 'kafka-user.yaml');
    const expected = kafkaUserYaml(declaredAccess(name));
    // The file is the generator's output, byte for byte: regenerate with WRITE_KAFKA_USERS=1.
    expect(existsSync(file) ? readFileSync(file, 'utf8') : '(missing)').toBe(expected);
  });

  test('the partner declarations read only partner-readable topics and write only their own inbound ones', () => {
    expect(partnerProblems()).toEqual([]);
  });

  test('infra/kafka/partners.yaml is every partner\'s KafkaUser from libs/contracts', () => {
    const expected = partnersYaml(PARTNERS.map(partnerAccess));
    expect(existsSync(PARTNERS_FILE) ? readFileSync(PARTNERS_FILE, 'utf8') : '(missing)').toBe(expected);
  });
});

describe('KafkaTopics', () => {
  test('infra/kafka/topics.yaml is what tools/write-topics.ts makes from the contracts', () => {
    expect(readFileSync(join(ROOT, 'infra', 'kafka', 'topics.yaml'), 'utf8')).toBe(renderTopics());
  });
});

describe.each(ENVIRONMENTS)('overlays/$name', ({ name: environment, namespace }) => {
  const overlay = join(K8S, 'overlays', environment);
  /** Rendered documents per kustomization (each deploys on its own); `common` is a Component. */
  const rendered = new Map<string, Rendered[]>();
  const docsOf = (dir: string): Doc[] => (rendered.get(dir) ?? []).map((r) => r.document);
  const all = (): Doc[] => [...rendered.values()].flat().map((r) => r.document);
  const deployment = (program: string): Doc => {
    const doc = named(docsOf(program), 'Deployment', program);
    if (!doc) throw new Error(`no Deployment ${program} in overlays/${environment}/${program}`);
    return doc;
  };
  const appContainer = (program: string): Doc => deployment(program).spec.template.spec.containers.find((c: Doc) => c.name === program);

  beforeAll(() => {
    const dirs = readdirSync(overlay).filter((d) => existsSync(join(overlay, d, 'kustomization.yaml')) && d !== 'common');
    for (const dir of dirs) rendered.set(dir, render(join(overlay, dir)));
  }, 180_000);

  test('one kustomization per program, plus the platform and Kafka', () => {
    expect([...rendered.keys()].sort()).toEqual([...PROGRAMS, 'kafka', 'platform'].sort());
  });

  test('every document validates against its schema', () => {
    const strimzi = strimziValidators();
    const problems: string[] = [];
    for (const [dir, docs] of rendered) {
      for (const { document, validation } of docs) {
        const id = `${dir}: ${document.kind}/${document.metadata?.name}`;
        if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(document.metadata?.name ?? '')) problems.push(`${id}: not a valid object name`);
        if (String(document.apiVersion).startsWith('kafka.strimzi.io/')) {
          const validate = strimzi.validatorOf(document.apiVersion, document.kind);
          if (!validate) problems.push(`${id}: no Strimzi CRD serves ${document.apiVersion} ${document.kind} (${strimzi.kinds.join(', ')})`);
          else if (!validate(document)) problems.push(`${id}: ${JSON.stringify(validate.errors)}`);
        } else {
          for (const v of validation) if (v.status !== 'valid') problems.push(`${id}: Kubernetes ${v.version}: ${v.status}: ${v.message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test(`everything is in namespace ${namespace}`, () => {
    const outside = all().filter((d) => (d.kind === 'Namespace' ? d.metadata.name : d.metadata.namespace) !== namespace);
    expect(outside.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([]);
    expect(kinds(all(), 'Namespace')).toHaveLength(1);
  });

  test('every Deployment: probes, resources, non-root, read-only root, a pinned image', () => {
    const problems: string[] = [];
    for (const program of PROGRAMS) {
      const pod = deployment(program).spec.template.spec;
      const id = `${program}`;
      if (pod.securityContext?.runAsNonRoot !== true || !(pod.securityContext?.runAsUser > 0)) problems.push(`${id}: pod must run as a non-root uid`);
      if (pod.automountServiceAccountToken !== false) problems.push(`${id}: no service account token (the programs call no Kubernetes API)`);
      for (const c of [...(pod.initContainers ?? []), ...pod.containers] as Doc[]) {
        const cid = `${id}/${c.name}`;
        for (const kind of ['requests', 'limits']) {
          for (const resource of ['cpu', 'memory']) if (!c.resources?.[kind]?.[resource]) problems.push(`${cid}: resources.${kind}.${resource}`);
        }
        const sc = c.securityContext ?? {};
        if (sc.allowPrivilegeEscalation !== false) problems.push(`${cid}: allowPrivilegeEscalation must be false`);
        if (sc.readOnlyRootFilesystem !== true) problems.push(`${cid}: readOnlyRootFilesystem must be true`);
        if (JSON.stringify(sc.capabilities?.drop) !== '["ALL"]') problems.push(`${cid}: must drop all capabilities`);
        if (sc.runAsUser === 0 || sc.runAsNonRoot === false) problems.push(`${cid}: must not run as root`);
        if (!/^[^:@]+(:[\w][\w.-]*)$/.test(c.image) || c.image.endsWith(':latest')) problems.push(`${cid}: image ${c.image} needs a tag other than latest`);
      }
      const app = appContainer(program);
      if (!app) {
        problems.push(`${id}: no container named ${program}`);
        continue;
      }
      const http = app.ports?.find((p: Doc) => p.name === 'http');
      if (!http) problems.push(`${id}: no port named http`);
      // libs/subgraph-server and apps/gateway serve GET /healthz (process up) and GET /readyz (dependencies).
      const probe = (p: Doc | undefined) => `${p?.httpGet?.path} ${p?.httpGet?.port}`;
      if (probe(app.livenessProbe) !== '/healthz http') problems.push(`${id}: livenessProbe must GET /healthz on http`);
      if (probe(app.readinessProbe) !== '/readyz http') problems.push(`${id}: readinessProbe must GET /readyz on http`);
      if (app.startupProbe && probe(app.startupProbe) !== '/healthz http') problems.push(`${id}: startupProbe must GET /healthz on http`);
    }
    expect(problems).toEqual([]);
  });

  test('every Deployment has its Service and PodDisruptionBudget, and deploys on its own', () => {
    const problems: string[] = [];
    for (const program of PROGRAMS) {
      const docs = docsOf(program);
      const labels = deployment(program).spec.template.metadata.labels;
      const service = named(docs, 'Service', program);
      if (!service || !matches(service.spec.selector, labels)) problems.push(`${program}: Service ${program} must select its pods`);
      if (service && !service.spec.ports.some((p: Doc) => p.port === 80 && p.targetPort === 'http')) problems.push(`${program}: Service port 80 → http`);
      const pdb = kinds(docs, 'PodDisruptionBudget').find((p) => matches(p.spec.selector.matchLabels, labels));
      if (!pdb) problems.push(`${program}: no PodDisruptionBudget`);
      // Everything it references is in its own kustomization, or is one of the documented external objects.
      const pod = deployment(program).spec.template.spec;
      for (const volume of pod.volumes ?? []) {
        const ref = volume.configMap?.name;
        if (ref && !named(docs, 'ConfigMap', ref) && !EXTERNAL_CONFIG_MAPS[ref]) problems.push(`${program}: volume ConfigMap ${ref} is neither rendered nor documented`);
        // The one Secret mounted as files: the cluster CA's certificate (KAFKA_SSL_CA_FILE).
        const keys = ((volume.secret?.items ?? []) as Doc[]).map((i) => i.key);
        if (volume.secret && (volume.secret.secretName !== CLUSTER_CA_SECRET.name || JSON.stringify(keys) !== JSON.stringify([CLUSTER_CA_SECRET.key]))) {
          problems.push(`${program}: secret volume ${volume.secret.secretName} (${keys.join(', ') || 'every key'}) is not ${CLUSTER_CA_SECRET.name}'s ${CLUSTER_CA_SECRET.key} alone`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('a subgraph admits the gateway only', () => {
    const policies = kinds(all(), 'NetworkPolicy');
    const pods = PROGRAMS.map((p) => ({ program: p, labels: deployment(p).spec.template.metadata.labels as Record<string, string> }));
    const problems: string[] = [];
    for (const subgraph of SUBGRAPH_NAMES) {
      const labels = deployment(subgraph).spec.template.metadata.labels;
      const ingress = policiesFor(policies, labels, 'Ingress');
      if (ingress.length === 0) problems.push(`${subgraph}: no NetworkPolicy restricts its ingress`);
      for (const rule of ingress.flatMap((p) => p.spec.ingress ?? []) as Doc[]) {
        for (const peer of (rule.from ?? [{}]) as Doc[]) {
          // A peer must be a pod selector in this namespace that picks the gateway's pods and no one else's.
          const admitted = peer.podSelector && !peer.namespaceSelector && !peer.ipBlock ? pods.filter((p) => matches(peer.podSelector.matchLabels, p.labels)).map((p) => p.program) : ['anyone'];
          if (JSON.stringify(admitted) !== '["gateway"]') problems.push(`${subgraph}: ingress admits ${admitted.join(', ') || 'no program'}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('only the services reach PostgreSQL', () => {
    const policies = kinds(all(), 'NetworkPolicy');
    const reach = PROGRAMS.filter((p) => egressAllows(policies, deployment(p).spec.template.metadata.labels, 5432));
    expect(reach.sort()).toEqual([...SUBGRAPH_NAMES].sort());
    // PostgreSQL pods in the cluster, if any: ingress from the services' pods only.
    const database = policiesFor(policies, { 'app.kubernetes.io/name': 'postgresql' }, 'Ingress');
    expect(database).toHaveLength(1);
    const peers = database.flatMap((p) => p.spec.ingress ?? []).flatMap((r: Doc) => (r.from ?? [{}]) as Doc[]);
    const admitted = PROGRAMS.filter((p) => peers.some((peer) => peer.podSelector && !peer.namespaceSelector && !peer.ipBlock && matches(peer.podSelector.matchLabels, deployment(p).spec.template.metadata.labels)));
    expect(admitted.sort()).toEqual([...SUBGRAPH_NAMES].sort());
    expect(peers.every((peer) => peer.podSelector && !peer.namespaceSelector && !peer.ipBlock)).toBe(true);
  });

  test('a subgraph migrates its database before the new version serves', () => {
    for (const subgraph of SUBGRAPH_NAMES) {
      const spec = deployment(subgraph).spec;
      const [migrate, ...others] = (spec.template.spec.initContainers ?? []) as Doc[];
      expect(others).toEqual([]);
      // An init container of every new pod: migrate deploy runs to completion before the app starts.
      expect(migrate?.command).toEqual(['node', 'libs/prisma-offline/bin/prisma.cjs', 'migrate', 'deploy', '--config', `apps/${subgraph}/prisma.config.ts`]);
      expect(existsSync(join(ROOT, 'apps', subgraph, 'prisma.config.ts'))).toBe(true);
      expect(migrate?.image).toBe(appContainer(subgraph).image);
      const dbUrl = (c: Doc) => c.env?.find((e: Doc) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef;
      expect(dbUrl(migrate ?? {})).toEqual(dbUrl(appContainer(subgraph)));
      // Old pods are taken away only once a migrated new one is ready.
      expect(spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    }
    expect(deployment('gateway').spec.template.spec.initContainers).toBeUndefined();
  });

  test.each(PROGRAMS)('%s: the environment matches its config schema', (program) => {
    const problems: string[] = [];
    const container = appContainer(program);
    const env = containerEnv(docsOf(program), container, problems);
    mockConfigKeys.clear();
    let parsed: unknown;
    // A config that reads the CA file (the gateway's) reads a stand-in; where it is mounted from is checked below.
    const parseable = env.KAFKA_SSL_CA_FILE ? { ...env, KAFKA_SSL_CA_FILE: caStandIn } : env;
    try {
      parsed = program === 'gateway' ? loadGatewayConfig(parseable) : SUBGRAPHS[program as Subgraph].readConfig(parseable);
    } catch (error) {
      problems.push((error as Error).message);
    }
    const keys = program === 'gateway' ? Object.keys(gatewayEnv) : (mockConfigKeys.get(program) ?? []);
    expect(keys.length).toBeGreaterThan(0);
    for (const name of Object.keys(env)) if (!keys.includes(name)) problems.push(`${name} is not a setting of ${program}`);
    expect(problems).toEqual([]);
    expect(parsed).toBeDefined();

    // Values the cluster depends on.
    expect(env.HOST).toBe('0.0.0.0');
    expect(container.ports.find((p: Doc) => p.name === 'http').containerPort).toBe(Number(env.PORT));
    const keyFile = env.AUTH_PUBLIC_KEY_FILE ?? '';
    const mount = container.volumeMounts.find((m: Doc) => keyFile.startsWith(`${m.mountPath}/`));
    const volume = deployment(program).spec.template.spec.volumes.find((v: Doc) => v.name === mount?.name);
    expect(volume?.configMap?.items).toContainEqual({ key: 'public.pem', path: keyFile.slice(`${mount?.mountPath}/`.length) });
    if (program === 'gateway') {
      for (const subgraph of SUBGRAPH_NAMES) {
        expect(env[`${subgraph.toUpperCase()}_URL`]).toBe(`http://${subgraph}/graphql`);
        expect(named(docsOf(subgraph), 'Service', subgraph)).toBeDefined();
      }
    }
  });

  const cluster = (): Doc => named(docsOf('kafka'), 'Kafka', KAFKA_CLUSTER) ?? { spec: { kafka: { listeners: [] } } };

  test('the broker: every listener authenticates, partners come in over TLS, only ACLs allow', () => {
    const { listeners, authorization, config } = cluster().spec.kafka;
    const problems: string[] = [];
    for (const l of listeners as Doc[]) {
      // SCRAM-SHA-512: what the programs (kafka-security.ts) and the partners' kcat configs speak.
      if (l.authentication?.type !== 'scram-sha-512') problems.push(`listener ${l.name}: authentication ${l.authentication?.type ?? 'none'}, not scram-sha-512`);
      if (l.type !== 'internal' && l.tls !== true) problems.push(`listener ${l.name}: reachable from outside the cluster (${l.type}) without TLS`);
    }
    expect(problems).toEqual([]);
    // Partners (infra/kafka/partners.yaml) have a way in from outside the cluster.
    expect(listeners.filter((l: Doc) => !['internal', 'cluster-ip'].includes(l.type) && l.tls === true).length).toBeGreaterThan(0);
    // The StandardAuthorizer, and no super user: Strimzi's operators are super users by their certificates.
    expect(authorization).toEqual({ type: 'simple' });
    expect(String(config?.['allow.everyone.if.no.acl.found'] ?? false)).toBe('false');
  });

  test.each(PROGRAMS)('%s: talks to the broker as its own principal, on a listener that admits it', (program) => {
    const problems: string[] = [];
    const container = appContainer(program);
    const env = containerEnv(docsOf(program), container, problems);
    expect(problems).toEqual([]);
    // Its own principal: the username, and the password of the KafkaUser rendered with it (none other).
    expect(env.KAFKA_SASL_USERNAME).toBe(program);
    const password = container.env?.find((e: Doc) => e.name === 'KAFKA_SASL_PASSWORD');
    expect(password?.valueFrom?.secretKeyRef).toEqual({ name: program, key: KAFKA_USER_SECRET_KEY });
    expect(kinds(docsOf(program), 'KafkaUser').map((u) => u.metadata.name)).toEqual([program]);
    // Topic and group names in the ACLs carry no prefix.
    expect(env.KAFKA_NAMESPACE ?? '').toBe('');

    // The cluster's bootstrap on one in-cluster listener, whose authentication and TLS the settings match.
    const listeners = cluster().spec.kafka.listeners as Doc[];
    const brokers = (env.KAFKA_BROKERS ?? '').split(',');
    const used = brokers.map((b) => listeners.find((l) => b === `${KAFKA_CLUSTER}-kafka-bootstrap:${l.port}`));
    expect(used.map((l) => l?.type)).toEqual(brokers.map(() => 'internal'));
    const listener = used[0] as Doc;
    expect(env.KAFKA_SASL_MECHANISM).toBe(listener.authentication.type);
    const pod = deployment(program).spec.template.spec;
    if (listener.tls) {
      const ca = mountedAt(pod, container, env.KAFKA_SSL_CA_FILE ?? '(unset)');
      expect({ name: ca?.volume.secret?.secretName, key: ca?.key }).toEqual(CLUSTER_CA_SECRET);
    } else {
      expect([env.KAFKA_SSL ?? 'false', env.KAFKA_SSL_CA_FILE]).toEqual(['false', undefined]);
    }

    // The network: Strimzi's policy for the listener admits the pods, the program's own lets them out.
    const labels = deployment(program).spec.template.metadata.labels;
    expect((listener.networkPolicyPeers ?? []).some((peer: Doc) => matches(peer.podSelector?.matchLabels, labels))).toBe(true);
    expect(egressReaches(kinds(all(), 'NetworkPolicy'), labels, KAFKA_POD_LABELS, listener.port)).toBe(true);

    // The migrate init container talks to PostgreSQL only: no Kafka setting, credential or CA.
    for (const init of (pod.initContainers ?? []) as Doc[]) {
      expect(init.envFrom).toBeUndefined();
      expect(((init.env ?? []) as Doc[]).map((e) => e.name).filter((n) => n.startsWith('KAFKA_'))).toEqual([]);
      expect(((init.volumeMounts ?? []) as Doc[]).filter((m) => pod.volumes.find((v: Doc) => v.name === m.name)?.secret)).toEqual([]);
    }
  });

  test('the KafkaTopics are infra/kafka/topics.yaml, for the cluster deployed here', () => {
    const topics = kinds(docsOf('kafka'), 'KafkaTopic');
    const byName = (a: Doc, b: Doc) => String(a.metadata.name).localeCompare(b.metadata.name);
    expect(topics.map(withoutNamespace).sort(byName)).toEqual(readYaml(join(ROOT, 'infra', 'kafka', 'topics.yaml')).sort(byName));
    const cluster = named(docsOf('kafka'), 'Kafka', KAFKA_CLUSTER);
    expect(cluster).toBeDefined();
    for (const t of topics) expect(t.metadata.labels['strimzi.io/cluster']).toBe(KAFKA_CLUSTER);
    const contractTopics = [...new Set(allEvents.flatMap((e) => [e.topic, e.dlqTopic]))].sort();
    expect(topics.map((t) => t.spec.topicName).sort()).toEqual(contractTopics);
    // With 3 replicas and min.insync.replicas 2, one broker may be down: the node pool must hold 3.
    const brokers = kinds(docsOf('kafka'), 'KafkaNodePool').filter((p) => p.spec.roles.includes('broker')).reduce((n, p) => n + p.spec.replicas, 0);
    expect(brokers).toBeGreaterThanOrEqual(Math.max(...topics.map((t) => t.spec.replicas)));
  });

  test('each partner has its KafkaUser beside the topics, whose ACLs name existing topics', () => {
    const topicNames = new Set(kinds(docsOf('kafka'), 'KafkaTopic').map((t) => t.spec.topicName));
    for (const partner of PARTNERS) {
      const user = named(docsOf('kafka'), 'KafkaUser', partner.principal) ?? { metadata: {}, spec: { authorization: { acls: [] } } };
      expect(withoutNamespace(user)).toEqual(kafkaUserOf(partnerAccess(partner)));
      for (const acl of user.spec.authorization.acls as Doc[]) {
        if (acl.resource.type === 'topic') expect(topicNames).toContain(acl.resource.name);
      }
    }
  });

  test('each program has its KafkaUser, whose ACLs name existing topics', () => {
    const topicNames = new Set(kinds(docsOf('kafka'), 'KafkaTopic').map((t) => t.spec.topicName));
    for (const program of PROGRAMS) {
      const user = named(docsOf(program), 'KafkaUser', program) ?? { metadata: {}, spec: { authorization: { acls: [] } } };
      expect(withoutNamespace(user)).toEqual(kafkaUserOf(declaredAccess(program)));
      for (const acl of user.spec.authorization.acls as Doc[]) {
        if (acl.resource.type === 'topic') expect(topicNames).toContain(acl.resource.name);
      }
    }
  });

  test('the KafkaUsers are exactly the principals declared in libs/contracts, once each', () => {
    const users = kinds(all(), 'KafkaUser').map((u) => u.metadata.name);
    expect(users.sort()).toEqual(allKafkaAccess().map((a) => a.principal).sort());
  });
});
