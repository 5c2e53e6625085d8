import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What a Kubernetes Service does for a Deployment's pods during a rolling upgrade, on loopback:
 * requests go round-robin to the ready endpoints; an endpoint is removed before its pod is stopped
 * (the pod keeps serving what it already took). 503 while there is no endpoint.
 */
export async function roundRobinProxy(): Promise<{
  url: (path?: string) => string;
  add(origin: string): void;
  remove(origin: string): void;
  /** How many requests each origin answered. */
  served: Map<string, number>;
  close(): Promise<void>;
}> {
  let endpoints: string[] = [];
  let next = 0;
  const served = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const origin = endpoints[next++ % Math.max(endpoints.length, 1)];
    if (!origin) return void res.writeHead(503, { 'content-type': 'text/plain' }).end('no endpoint');
    const upstream = request(new URL(req.url ?? '/', origin), { method: req.method, headers: req.headers }, (answer) => {
      served.set(origin, (served.get(origin) ?? 0) + 1);
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`upstream ${origin}: ${error.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '') => `http://127.0.0.1:${port}${path}`,
    add: (origin) => void (endpoints = [...endpoints, origin]),
    remove: (origin) => void (endpoints = endpoints.filter((e) => e !== origin)),
    served,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
