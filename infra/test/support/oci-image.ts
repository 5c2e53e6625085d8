/**
 * Reads an OCI archive (what `buildah commit oci-archive:` writes) and runs programs from its
 * unpacked file tree the way a container runtime would start them, without one: chrooted into the
 * tree (util-linux `unshare --root`), in the image's working directory, as the image's user, with
 * the image's environment plus the test's and nothing of this process's. Needs root (CI and the
 * build machines are); containers themselves cannot run here (see ENVIRONMENT.md).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { trackProcess, type RunningProcess } from '@pgov/testing';

export interface OciDescriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

/** The parts of an OCI image configuration the checks read. */
export interface OciImageConfig {
  architecture: string;
  os: string;
  config: {
    User?: string;
    WorkingDir?: string;
    Entrypoint?: string[];
    Cmd?: string[] | null;
    Env?: string[];
    ExposedPorts?: Record<string, object>;
    Labels?: Record<string, string>;
  };
}

export interface OciImage {
  /** The image's name and tag (org.opencontainers.image.ref.name of the index). */
  reference: string;
  layers: OciDescriptor[];
  config: OciImageConfig;
  /** The unpacked layers. */
  rootfs: string;
}

const blob = (dir: string, digest: string) => join(dir, 'blobs', ...digest.split(':'));

/** Unpacks `archive` into `dir` (the layout in dir/oci, the layers applied in order in dir/rootfs). */
export function unpackOciArchive(archive: string, dir: string): OciImage {
  const layout = join(dir, 'oci');
  const rootfs = join(dir, 'rootfs');
  mkdirSync(layout, { recursive: true });
  mkdirSync(rootfs, { recursive: true });
  execFileSync('tar', ['-xf', archive, '-C', layout]);
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')) as { manifests: OciDescriptor[] };
  const [entry, ...more] = index.manifests;
  if (!entry || more.length > 0) throw new Error(`${archive}: expected one manifest, found ${index.manifests.length}`);
  const manifest = JSON.parse(readFileSync(blob(layout, entry.digest), 'utf8')) as { config: OciDescriptor; layers: OciDescriptor[] };
  const config = JSON.parse(readFileSync(blob(layout, manifest.config.digest), 'utf8')) as OciImageConfig;
  for (const layer of manifest.layers) {
    // Images built from scratch in one step have no whiteouts to apply; tar detects the compression.
    // As root, tar keeps the archive's owners and modes: the tree is what the runtime would mount.
    execFileSync('tar', ['-xf', blob(layout, layer.digest), '-C', rootfs, '--same-owner', '--same-permissions']);
  }
  return { reference: entry.annotations?.['org.opencontainers.image.ref.name'] ?? '', layers: manifest.layers, config, rootfs };
}

/** The image's environment as a map (later entries win, as in a runtime). */
export function imageEnv(image: OciImage): Record<string, string> {
  return Object.fromEntries((image.config.config.Env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}

/**
 * Files the test's environment points at (a key file, a CA file) copied into the tree at the same
 * absolute path: what a runtime's volume mounts do.
 */
export function mountFiles(image: OciImage, env: Record<string, string>) {
  for (const value of Object.values(env)) {
    if (!isAbsolute(value) || !existsSync(value) || !statSync(value).isFile()) continue;
    mkdirSync(join(image.rootfs, dirname(value)), { recursive: true });
    copyFileSync(value, join(image.rootfs, value));
  }
}

function runtimeArgs(image: OciImage, argv: string[]): string[] {
  const user = /^(\d+)(?::(\d+))?$/.exec(image.config.config.User ?? '0');
  if (!user?.[1]) throw new Error(`image user ${image.config.config.User} is not numeric`);
  const [uid, gid = uid] = [user[1], user[2]];
  return [`--root=${image.rootfs}`, `--wd=${image.config.config.WorkingDir ?? '/'}`, '--setgid', gid, '--setuid', uid, ...argv];
}

/** Runs `argv` in the tree to its end (e.g. the init container's migrate command). */
export function runInImage(image: OciImage, argv: string[], env: Record<string, string>, timeoutMs = 120_000) {
  const result = spawnSync('/usr/bin/unshare', runtimeArgs(image, argv), { env: { ...imageEnv(image), ...env }, encoding: 'utf8', timeout: timeoutMs });
  return { code: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/** Starts the image's entrypoint (and Cmd) in the tree; stop() sends SIGTERM, then SIGKILL after 20 s. */
export function startImage(name: string, image: OciImage, env: Record<string, string>): RunningProcess {
  const argv = [...(image.config.config.Entrypoint ?? []), ...(image.config.config.Cmd ?? [])];
  // unshare execs the program in place: the child's pid is the program's, signals reach it directly.
  const child = spawn('/usr/bin/unshare', runtimeArgs(image, argv), { env: { ...imageEnv(image), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return trackProcess(name, child);
}
