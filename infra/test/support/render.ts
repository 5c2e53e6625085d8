/**
 * Renders a Kustomize directory and validates every document offline, with the tools that
 * tools/infra/install.sh puts in .cache: Kustomize (kubectl's built-in one, or a Kustomize binary
 * built from the Go module proxy), and kubernetes-validate in a Python virtual environment.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
export const K8S = join(ROOT, 'infra', 'k8s');
const TOOLS = join(ROOT, '.cache', 'k8s');
const PYTHON = join(TOOLS, 'venv', 'bin', 'python');
const HELPER = join(__dirname, 'k8s_documents.py');

/**
 * Kubernetes versions validated against: the oldest that Strimzi 0.47 supports and the newest whose
 * schemas kubernetes-validate 1.37 bundles.
 */
export const KUBERNETES_VERSIONS = ['1.25', '1.37'];

export interface Verdict {
  version: string;
  status: 'valid' | 'invalid' | 'no-schema';
  message: string;
}

/** One rendered object (the spec reads it as plain JSON). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = Record<string, any>;

export interface Rendered {
  document: Doc;
  validation: Verdict[];
}

const MISSING = 'run bash tools/infra/install.sh (it installs the manifest tools into .cache)';

/** KUSTOMIZE=<binary> wins; then the one install.sh built; then kubectl's. */
function kustomizeCommand(): [string, string[]] {
  if (process.env.KUSTOMIZE) return [process.env.KUSTOMIZE, ['build']];
  const built = join(TOOLS, 'bin', 'kustomize');
  if (existsSync(built)) return [built, ['build']];
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
  } catch {
    throw new Error(`no Kustomize: ${MISSING}`);
  }
  return ['kubectl', ['kustomize']];
}

/** The YAML that `kustomize build <dir>` prints. */
export function kustomize(dir: string): string {
  const [command, args] = kustomizeCommand();
  return execFileSync(command, [...args, dir], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Documents of a YAML stream, each with kubernetes-validate's verdict per Kubernetes version. */
export function parseAndValidate(yaml: string): Rendered[] {
  if (!existsSync(PYTHON)) throw new Error(`no kubernetes-validate: ${MISSING}`);
  const args = [HELPER, ...KUBERNETES_VERSIONS.flatMap((v) => ['--kubernetes-version', v]), '-'];
  return JSON.parse(execFileSync(PYTHON, args, { input: yaml, encoding: 'utf8', maxBuffer: 64 << 20 })) as Rendered[];
}

/** Documents of a YAML file, without validation. */
export function readYaml(file: string): Doc[] {
  if (!existsSync(PYTHON)) throw new Error(`no Python YAML reader: ${MISSING}`);
  return (JSON.parse(execFileSync(PYTHON, [HELPER, file], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Rendered[]).map((r) => r.document);
}

export function render(dir: string): Rendered[] {
  return parseAndValidate(kustomize(dir));
}
