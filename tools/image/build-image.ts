/**
 * Builds one program's OCI image without a container engine (`nx run <program>:image`, after `build`):
 *
 *   node --import tsx tools/image/build-image.ts <program> [--workspace <dir>] [--output <file.tar>]
 *
 * No base image can be pulled here, so the root file system is assembled from this machine: the node
 * binary that runs this script and the shared libraries `ldd` lists for it, /etc/passwd and /etc/group
 * with the non-root user, an empty /tmp; then /app: the program's self-contained esbuild bundle
 * (dist/apps/<program>), and for a service what its migrate init container runs: libs/prisma-offline,
 * the Prisma CLI files it loads (traced with @vercel/nft), apps/<program>/prisma.config.ts and prisma/.
 * Buildah (Debian) turns that tree into a one-layer image (vfs storage under .cache/buildah, nothing
 * runs inside the image) and commits it as an OCI archive: dist/images/<program>-<version>.tar,
 * tagged pgov/<program>:<version> (apps/<program>/package.json). The last line gives the sizes.
 * --workspace builds from another checkout (e.g. a previous release's, with its dist/ built).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { nodeFileTrace } from '@vercel/nft';
import { APP_DIR, IMAGE_GID, IMAGE_PROGRAM_NAMES, IMAGE_PROGRAMS, IMAGE_UID, NODE_PATH_IN_IMAGE, entrypointOf, imageArchive, imageReference, isImageProgram, type ImageProgram } from './programs';

const REPO = join(__dirname, '..', '..');
const CACHE = join(REPO, '.cache', 'image');
/** Buildah's own storage (vfs: no overlay or user namespaces needed), kept inside the workspace. */
const BUILDAH = ['--root', join(REPO, '.cache', 'buildah', 'storage'), '--runroot', join(REPO, '.cache', 'buildah', 'run'), '--storage-driver', 'vfs'];
/** What the Prisma CLI loads to run `migrate deploy` through libs/prisma-offline. */
const MIGRATE_ENTRIES = ['libs/prisma-offline/bin/prisma.cjs', 'libs/prisma-offline/bin/schema-engine.cjs', 'node_modules/prisma/build/index.js'];
/** Packages whose files are loaded by computed paths the tracer cannot follow: copied whole. */
const MIGRATE_PACKAGES = ['node_modules/@prisma/schema-engine-wasm'];

function fail(message: string): never {
  process.stderr.write(`build-image: ${message}\n`);
  process.exit(1);
}

const run = (file: string, args: string[], cwd = REPO) => execFileSync(file, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** Copies `from` to `to`, creating directories; symlinks are followed (the image gets the file). */
function put(from: string, to: string, mode?: number) {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  if (mode !== undefined) chmodSync(to, mode);
}

/**
 * The node binary that runs this script, /usr/bin/env (the schema engine wrapper is started through
 * its `#!/usr/bin/env node` line) and every shared library they load, where the dynamic loader expects them.
 */
function stageRuntime(rootfs: string): string {
  const binaries: [string, string][] = [[process.execPath, NODE_PATH_IN_IMAGE], ['/usr/bin/env', '/usr/bin/env']];
  for (const [binary, inImage] of binaries) {
    put(binary, join(rootfs, inImage), 0o755);
    const libraries = run('ldd', [binary])
      .split('\n')
      .map((line) => /(\/\S+) \(0x/.exec(line)?.[1])
      .filter((path): path is string => Boolean(path));
    if (!libraries.some((l) => l.includes('ld-linux'))) fail(`ldd ${binary} named no dynamic loader: ${libraries.join(', ')}`);
    for (const library of libraries) put(library, join(rootfs, library), 0o755);
  }
  const etc = join(rootfs, 'etc');
  mkdirSync(etc, { recursive: true });
  writeFileSync(join(etc, 'passwd'), `root:x:0:0:root:/root:/sbin/nologin\napp:x:${IMAGE_UID}:${IMAGE_GID}:pgov:${APP_DIR}:/sbin/nologin\n`);
  writeFileSync(join(etc, 'group'), `root:x:0:\napp:x:${IMAGE_GID}:\n`);
  // glibc's resolver: /etc/hosts first, then DNS (the cluster's resolv.conf is mounted at run time).
  writeFileSync(join(etc, 'nsswitch.conf'), 'hosts: files dns\n');
  mkdirSync(join(rootfs, 'tmp'));
  chmodSync(join(rootfs, 'tmp'), 0o1777);
  return process.version;
}

/** Workspace-relative files that `migrate deploy` loads, traced once per lockfile and CLI wrapper. */
async function migrateFiles(workspace: string, program: string): Promise<string[]> {
  const entries = [...MIGRATE_ENTRIES, `apps/${program}/prisma.config.ts`];
  const key = createHash('sha256');
  key.update(readFileSync(join(REPO, 'node_modules', '@vercel', 'nft', 'package.json')));
  for (const file of ['package-lock.json', ...entries]) key.update(file).update(readFileSync(join(workspace, file)));
  const cached = join(CACHE, `migrate-files-${key.digest('hex').slice(0, 16)}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as string[];
  const trace = await nodeFileTrace(entries, { base: workspace, processCwd: workspace });
  // Sources only: directories the tracer lists are recreated by their files.
  const files = [...trace.fileList].filter((f) => statSync(join(workspace, f)).isFile()).sort();
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(cached, JSON.stringify(files));
  return files;
}

async function stageApp(rootfs: string, workspace: string, program: string, spec: ImageProgram) {
  const app = join(rootfs, APP_DIR);
  const dist = join(workspace, 'dist', 'apps', program);
  if (!existsSync(join(dist, 'main.js'))) fail(`${relative(REPO, dist) || dist}/main.js is missing: run \`npx nx run ${program}:build\` first`);
  // The bundle and what it reads beside itself (schema.graphql, supergraph.graphql); no source maps.
  for (const file of readdirSync(dist)) if (!file.endsWith('.map')) cpSync(join(dist, file), join(app, file), { recursive: true, dereference: true });
  for (const file of spec.runtimeFiles) put(join(workspace, file), join(app, file));
  if (spec.migrations) {
    for (const file of await migrateFiles(workspace, program)) put(join(workspace, file), join(app, file));
    for (const dir of MIGRATE_PACKAGES) cpSync(join(workspace, dir), join(app, dir), { recursive: true, dereference: true });
    // Schema and committed migrations (the schema folder links shared models from libs: copied as files).
    cpSync(join(workspace, 'apps', program, 'prisma'), join(app, 'apps', program, 'prisma'), { recursive: true, dereference: true });
  }
}

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + sizeOf(join(path, entry)), 0);
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The rootfs as a one-layer OCI image with the program's configuration, written as an OCI archive. */
function commit(rootfs: string, archive: string, program: string, spec: ImageProgram, version: string, workspace: string) {
  let revision = 'unknown';
  let epoch = process.env.SOURCE_DATE_EPOCH ?? '';
  try {
    revision = run('git', ['rev-parse', 'HEAD'], workspace);
    epoch ||= run('git', ['log', '-1', '--format=%ct'], workspace);
  } catch {
    // not a git checkout (an exported release tree): no revision label, the current time
  }
  epoch ||= String(Math.floor(Date.now() / 1000));
  const container = run('buildah', [...BUILDAH, 'from', '--name', `pgov-${program}-${process.pid}`, 'scratch']);
  try {
    run('buildah', [...BUILDAH, 'copy', '--quiet', '--chown', '0:0', container, `${rootfs}/`, '/']);
    run('buildah', [
      ...BUILDAH, 'config',
      '--os', 'linux',
      '--arch', process.arch === 'x64' ? 'amd64' : process.arch,
      '--user', `${IMAGE_UID}:${IMAGE_GID}`,
      '--workingdir', APP_DIR,
      '--entrypoint', JSON.stringify(entrypointOf(spec)),
      '--cmd', '',
      '--port', `${spec.port}/tcp`,
      '--stop-signal', 'SIGTERM',
      '--env', 'PATH=/usr/local/bin:/usr/bin:/bin',
      '--env', 'NODE_ENV=production',
      // Listen on the pod's interfaces; the programs' own default is loopback (development).
      '--env', 'HOST=0.0.0.0',
      '--env', `PORT=${spec.port}`,
      '--label', `org.opencontainers.image.title=pgov/${program}`,
      '--label', `org.opencontainers.image.version=${version}`,
      '--label', `org.opencontainers.image.revision=${revision}`,
      '--label', `org.opencontainers.image.created=${new Date(Number(epoch) * 1000).toISOString().replace('.000Z', 'Z')}`,
      '--label', `org.opencontainers.image.description=pgov ${program}: node ${process.version} and its libraries, the esbuild bundle${spec.migrations ? ', the offline migrate CLI and migrations' : ''}`,
      '--created-by', 'tools/image/build-image.ts',
      container,
    ]);
    mkdirSync(dirname(archive), { recursive: true });
    rmSync(archive, { force: true });
    run('buildah', [
      ...BUILDAH, 'commit', '--quiet', '--rm', '--format', 'oci', '--disable-compression=false', '--identity-label=false',
      '--timestamp', epoch, container, `oci-archive:${archive}:${imageReference(program, version)}`,
    ]);
  } catch (error) {
    try {
      run('buildah', [...BUILDAH, 'rm', container]);
    } catch {
      // already removed by commit --rm
    }
    const e = error as Error & { stderr?: string };
    fail(`buildah failed for ${program}: ${e.stderr || e.message}`);
  }
}

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { workspace: { type: 'string' }, output: { type: 'string' } } });
  const [program] = positionals;
  if (!program || !isImageProgram(program) || positionals.length !== 1) fail(`usage: build-image.ts <${IMAGE_PROGRAM_NAMES.join('|')}> [--workspace <dir>] [--output <file.tar>]`);
  const spec: ImageProgram = IMAGE_PROGRAMS[program];
  const workspace = resolve(values.workspace ?? REPO);
  const { version } = JSON.parse(readFileSync(join(workspace, 'apps', program, 'package.json'), 'utf8')) as { version: string };
  const archive = resolve(values.output ?? join(workspace, imageArchive(program, version)));

  const rootfs = join(CACHE, `${program}-rootfs-${process.pid}`);
  rmSync(rootfs, { recursive: true, force: true });
  mkdirSync(rootfs, { recursive: true });
  try {
    const nodeVersion = stageRuntime(rootfs);
    await stageApp(rootfs, workspace, program, spec);
    const unpacked = sizeOf(rootfs);
    commit(rootfs, archive, program, spec, version, workspace);
    console.log(`image ${imageReference(program, version)}: ${relative(process.cwd(), archive)} ${megabytes(statSync(archive).size)} (archive), ${megabytes(unpacked)} unpacked; node ${nodeVersion}, app ${megabytes(sizeOf(join(rootfs, APP_DIR)))}`);
  } finally {
    rmSync(rootfs, { recursive: true, force: true });
  }
}

void main();
