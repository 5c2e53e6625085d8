export { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions, type ReadinessCheck } from './subgraph-server';
export { installShutdown, type ShutdownStep } from './shutdown';
export { loadTypeDefs } from './type-defs';
export { createDomainService, type DomainServiceConfig, type DomainServiceOptions, type ServiceWorker } from './domain-service';
export { runMain } from './run-main';
export { intervalWorker } from './interval-worker';
