/**
 * The programs' OCI images (tools/image/build-image.ts, `nx run <program>:image`): what each archive's
 * configuration says, that it agrees with the Deployments, and that the programs run from the
 * unpacked image trees: each service's init-container command migrates a fresh database, the four
 * services answer /readyz on it, and the gateway in front of them answers /readyz and serves
 * GraphiQL's assets. `nx run-many -t image` comes first: it builds what changed, else Nx's cache
 * restores the archives.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createTestKeys, deleteNamespace, freePort, serviceTestEnv, testDatabaseUrl, testNamespace, waitUntilReady, withPg, type RunningProcess, type TestKeys } from '@pgov/testing';
import { APP_DIR, IMAGE_GID, IMAGE_PROGRAM_NAMES, IMAGE_PROGRAMS, IMAGE_UID, entrypointOf, imageArchive, imageReference, migrateCommand, type ImageProgramName } from '../../tools/image/programs';
import { startImage, runInImage, unpackOciArchive, mountFiles, type OciImage } from './support/oci-image';
import { ROOT, readYaml, type Doc } from './support/render';

const PROGRAMS = IMAGE_PROGRAM_NAMES;
const SERVICES = PROGRAMS.filter((p) => IMAGE_PROGRAMS[p].migrations);
const versionOf = (program: string) => (JSON.parse(readFileSync(join(ROOT, 'apps', program, 'package.json'), 'utf8')) as { version: string }).version;
function deploymentOf(program: string): Doc {
  const deployment = readYaml(join(ROOT, 'infra', 'k8s', 'base', program, 'deployment.yaml')).find((d) => d.kind === 'Deployment');
  if (!deployment) throw new Error(`infra/k8s/base/${program}/deployment.yaml has no Deployment`);
  return deployment;
}
const committedMigrations = (service: string) => readdirSync(join(ROOT, 'apps', service, 'prisma', 'migrations')).filter((m) => m !== 'migration_lock.toml').sort();

let work: string;
const images = new Map<string, OciImage>();
const imageOf = (program: string): OciImage => {
  const image = images.get(program);
  if (!image) throw new Error(`the ${program} image was not unpacked`);
  return image;
};

beforeAll(() => {
  if (process.getuid?.() !== 0) throw new Error('the image spec runs the programs chrooted into the image trees: run it as root');
  // --parallel=1: the builds share two cores with the rest of the suite.
  execFileSync('npx', ['nx', 'run-many', '-t', 'image', '-p', PROGRAMS.join(','), '--parallel=1', '--output-style=static'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 20 * 60_000,
  });
  work = mkdtempSync(join(tmpdir(), 'pgov-images-'));
  for (const program of PROGRAMS) images.set(program, unpackOciArchive(join(ROOT, imageArchive(program, versionOf(program))), join(work, program)));
}, 25 * 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(PROGRAMS)('the %s image', (program: ImageProgramName) => {
  test('is tagged with the app version and configured to run the bundle as a non-root user', () => {
    const image = imageOf(program);
    const { config, os } = image.config;
    const version = versionOf(program);
    expect(image.reference).toBe(imageReference(program, version));
    expect(os).toBe('linux');
    expect(config.Entrypoint).toEqual(entrypointOf(IMAGE_PROGRAMS[program]));
    expect(config.Entrypoint?.at(-1)).toBe('main.js');
    expect(config.Cmd ?? []).toEqual([]);
    expect(config.WorkingDir).toBe(APP_DIR);
    expect(config.User).toBe(`${IMAGE_UID}:${IMAGE_GID}`);
    expect(IMAGE_UID).not.toBe(0);
    expect(config.Env).toEqual(expect.arrayContaining(['NODE_ENV=production', 'PATH=/usr/local/bin:/usr/bin:/bin', `PORT=${IMAGE_PROGRAMS[program].port}`]));
    expect(Object.keys(config.ExposedPorts ?? {})).toEqual([`${IMAGE_PROGRAMS[program].port}/tcp`]);
    expect(config.Labels).toMatchObject({ 'org.opencontainers.image.version': version, 'org.opencontainers.image.title': `pgov/${program}` });
    expect(image.layers.map((l) => l.mediaType)).toEqual(['application/vnd.oci.image.layer.v1.tar+gzip']);
  });

  test('agrees with its Deployment: user, port, the migrate init container', () => {
    const deployment = deploymentOf(program);
    const pod = deployment.spec.template.spec;
    expect([pod.securityContext.runAsUser, pod.securityContext.runAsGroup]).toEqual([IMAGE_UID, IMAGE_GID]);
    const container = pod.containers.find((c: Doc) => c.name === program);
    expect(container.image).toBe(`pgov/${program}`);
    expect(container.ports.map((p: Doc) => p.containerPort)).toEqual([IMAGE_PROGRAMS[program].port]);
    const migrate = (pod.initContainers ?? []).find((c: Doc) => c.name === 'migrate');
    if (IMAGE_PROGRAMS[program].migrations) {
      expect(migrate.image).toBe(`pgov/${program}`);
      expect(migrate.command).toEqual(migrateCommand(program));
    } else {
      expect(migrate).toBeUndefined();
    }
  });

  test('holds the bundle and what it loads, owned by root and read-only for the program', () => {
    const { rootfs } = imageOf(program);
    const app = join(rootfs, APP_DIR);
    const files = readdirSync(app, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    expect(files).toContain(join(app, 'main.js'));
    expect(files).toContain(join(app, program === 'gateway' ? 'supergraph.graphql' : 'schema.graphql'));
    expect(files.filter((f) => f.endsWith('.map') && !f.includes('node_modules'))).toEqual([]);
    const writable = files.filter((f) => {
      const s = statSync(f);
      return s.uid !== 0 || (s.mode & 0o022) !== 0;
    });
    expect(writable.map((f) => relative(rootfs, f))).toEqual([]);
    if (IMAGE_PROGRAMS[program].migrations) {
      expect(readdirSync(join(app, 'apps', program, 'prisma', 'migrations')).filter((m) => m !== 'migration_lock.toml').sort()).toEqual(committedMigrations(program));
    }
    // The image's /tmp is the only place the program may write (the Deployments mount an emptyDir there).
    expect(statSync(join(rootfs, 'tmp')).mode & 0o1777).toBe(0o1777);
  });
});

describe('the programs started from their image trees', () => {
  const run = randomBytes(3).toString('hex');
  const databases = Object.fromEntries(SERVICES.map((s) => [s, `${s}_image_${run}`]));
  const urlOf = (service: string) => Object.assign(new URL(testDatabaseUrl(service)), { pathname: `/${databases[service]}` }).toString();
  const namespace = testNamespace();
  const running: RunningProcess[] = [];
  let keys: TestKeys;

  beforeAll(async () => {
    keys = await createTestKeys();
    for (const service of SERVICES) await withPg(testDatabaseUrl(service), (c) => c.query(`CREATE DATABASE ${databases[service]}`));
  });

  afterAll(async () => {
    for (const proc of running.reverse()) await proc.stop('SIGKILL');
    for (const service of SERVICES) await withPg(testDatabaseUrl(service), (c) => c.query(`DROP DATABASE IF EXISTS ${databases[service]} WITH (FORCE)`));
    await deleteNamespace(namespace);
  });

  test.each(SERVICES)('%s: the init container\'s command applies every committed migration to a fresh database', async (service) => {
    const result = runInImage(imageOf(service), migrateCommand(service), { DATABASE_URL: urlOf(service) });
    expect({ code: result.code, output: result.output }).toEqual({ code: 0, output: expect.any(String) });
    // Applied, not just exit 0: a schema engine that cannot load has been seen to exit 0 too.
    const applied = await withPg(urlOf(service), (c) => c.query<{ name: string }>('SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1'));
    expect(applied.rows.map((r) => r.name)).toEqual(committedMigrations(service));
  }, 120_000);

  test('the four services answer /readyz, then the gateway in front of them, all as the image user', async () => {
    const ports: Record<string, number> = {};
    const auditChainKey = randomBytes(32).toString('base64');
    let kafkaSettings: Record<string, string> = {};
    for (const service of SERVICES) {
      ports[service] = await freePort();
      const env = serviceTestEnv(service, { keys, namespace, extra: { DATABASE_URL: urlOf(service), AUDIT_CHAIN_KEY: auditChainKey, HOST: '127.0.0.1', PORT: String(ports[service]) } });
      kafkaSettings = Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith('KAFKA_')));
      mountFiles(imageOf(service), env);
      running.push(startImage(service, imageOf(service), env));
    }
    for (const proc of running) await waitUntilReady(`http://127.0.0.1:${ports[proc.name]}/readyz`, proc, 120_000);

    ports.gateway = await freePort();
    const gatewayEnv = {
      ...kafkaSettings,
      HOST: '127.0.0.1',
      PORT: String(ports.gateway),
      AUTH_PUBLIC_KEY_FILE: keys.publicKeyFile,
      GRAPHIQL_ENABLED: 'true',
      ...Object.fromEntries(SERVICES.map((s) => [`${s.toUpperCase()}_URL`, `http://127.0.0.1:${ports[s]}/graphql`])),
    };
    mountFiles(imageOf('gateway'), gatewayEnv);
    const gateway = startImage('gateway', imageOf('gateway'), gatewayEnv);
    running.push(gateway);
    await waitUntilReady(`http://127.0.0.1:${ports.gateway}/readyz`, gateway, 120_000);
    // GraphiQL's assets come from the image's node_modules (the only files the bundle resolves there).
    const asset = await fetch(`http://127.0.0.1:${ports.gateway}/graphiql/assets/graphiql.min.js`);
    expect(asset.status).toBe(200);

    for (const proc of running) {
      const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${proc.child.pid}/status`, 'utf8'))?.[1];
      expect({ program: proc.name, uid: Number(uid) }).toEqual({ program: proc.name, uid: IMAGE_UID });
    }
    // Graceful shutdown on SIGTERM (what the kubelet sends), the gateway first.
    for (const proc of [...running].reverse()) expect({ program: proc.name, code: await proc.stop() }).toEqual({ program: proc.name, code: 0 });
  }, 300_000);
});
