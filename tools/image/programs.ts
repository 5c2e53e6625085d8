/**
 * What each program's image holds besides the node runtime and its bundle (dist/apps/<program>, the
 * `build` target's output). Read by tools/image/build-image.ts and by the image spec (infra/test).
 */
export interface ImageProgram {
  /** The HTTP port the program listens on by default (its config schema's PORT); EXPOSEd. */
  port: number;
  /**
   * A service migrates its own database with the same image (the Deployment's init container:
   * `node libs/prisma-offline/bin/prisma.cjs migrate deploy --config apps/<program>/prisma.config.ts`).
   */
  migrations: boolean;
  /** Files the bundle reads from node_modules at run time (require.resolve), relative to the workspace. */
  runtimeFiles: readonly string[];
  /** Options of node itself, before main.js in the ENTRYPOINT (none: node's defaults). */
  nodeOptions?: readonly string[];
}

export const IMAGE_PROGRAMS = {
  gateway: {
    port: 4000,
    migrations: false,
    // V8 sizes the heap from the memory it sees: with up to 4 GB of old space (a large node, or a limit
    // it does not see) ~60 MB of live heap grows to ~175 MB of garbage before a full GC — RSS 300 MB
    // under the dashboard load. Capped, full GCs come at ~1.4x the live heap, far below the
    // Deployment's 768Mi limit; semi-spaces of 8 MB instead of 16 keep another ~15 MB of young
    // generation out of RSS (measured: no change in CPU per request). tools/up.sh starts the dev
    // gateway with the same options.
    nodeOptions: ['--max-old-space-size=384', '--max-semi-space-size=8'],
    // GraphiQL's page assets (apps/gateway/src/graphiql), served when GRAPHIQL_ENABLED=true.
    runtimeFiles: [
      'node_modules/graphiql/package.json',
      'node_modules/graphiql/graphiql.min.js',
      'node_modules/graphiql/graphiql.min.js.map',
      'node_modules/graphiql/graphiql.min.css',
      'node_modules/react/package.json',
      'node_modules/react/umd/react.production.min.js',
      'node_modules/react-dom/package.json',
      'node_modules/react-dom/umd/react-dom.production.min.js',
    ],
  },
  grids: { port: 4001, migrations: true, runtimeFiles: [] },
  clues: { port: 4002, migrations: true, runtimeFiles: [] },
  petitions: { port: 4003, migrations: true, runtimeFiles: [] },
  indicators: { port: 4004, migrations: true, runtimeFiles: [] },
} satisfies Record<string, ImageProgram>;

export type ImageProgramName = keyof typeof IMAGE_PROGRAMS;
export const IMAGE_PROGRAM_NAMES = Object.keys(IMAGE_PROGRAMS) as ImageProgramName[];
export const isImageProgram = (name: string): name is ImageProgramName => Object.hasOwn(IMAGE_PROGRAMS, name);

/** The image's user and group: numeric, not root (the Deployments' runAsUser/runAsGroup). */
export const IMAGE_UID = 1000;
export const IMAGE_GID = 1000;
/** The image's ENTRYPOINT: node, its options, the bundle (no Cmd). */
export const entrypointOf = (spec: ImageProgram) => ['node', ...(spec.nodeOptions ?? []), 'main.js'];
/** Where the program lives in the image (WORKDIR); the bundle is main.js there. */
export const APP_DIR = '/app';
export const NODE_PATH_IN_IMAGE = '/usr/local/bin/node';

/** The init container's command (infra/k8s/base/<service>/deployment.yaml), run with WORKDIR /app. */
export const migrateCommand = (program: string) => ['node', 'libs/prisma-offline/bin/prisma.cjs', 'migrate', 'deploy', '--config', `apps/${program}/prisma.config.ts`];

/** The image's name and tag: pgov/<program>:<version of apps/<program>/package.json>. */
export const imageReference = (program: string, version: string) => `pgov/${program}:${version}`;
/** The OCI archive `nx run <program>:image` writes, relative to the workspace. */
export const imageArchive = (program: string, version: string) => `dist/images/${program}-${version}.tar`;
