// graphql-ws publishes its `ws` binding only under package "exports" ("graphql-ws/use/ws"), which
// TypeScript's node10 resolution (tsconfig.base.json) does not read; Node and Jest do. Its types:
declare module 'graphql-ws/use/ws' {
  export * from 'graphql-ws/dist/use/ws';
}
