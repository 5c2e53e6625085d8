/**
 * A closed-loop HTTP load generator for the benchmarks: `connections` keep-alive connections, each
 * sending its next request when the last answered — or, with `rate`, not before its turn in a
 * steady schedule of `rate` requests per second (an open loop while the server keeps up).
 */
import { Agent, request } from 'node:http';

export interface LoadRequest {
  body: string;
  headers: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  firstError?: string;
}

export async function runLoad(
  url: string,
  next: (i: number) => LoadRequest,
  {
    connections = 10,
    seconds = 10,
    check,
    maxRequests = Infinity,
    rate,
  }: { connections?: number; seconds?: number; check?: (body: string) => string | null; maxRequests?: number; rate?: number } = {},
): Promise<LoadResult> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let i = 0;
  const deadline = Date.now() + seconds * 1000;
  const one = (r: LoadRequest) =>
    new Promise<void>((resolve) => {
      const started = process.hrtime.bigint();
      const req = request(
        { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body), ...r.headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            const problem = res.statusCode !== 200 ? `HTTP ${res.statusCode}: ${text.slice(0, 200)}` : (check?.(text) ?? null);
            if (problem) {
              errors += 1;
              firstError ??= problem;
            }
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            resolve();
          });
        },
      );
      req.on('error', (e) => {
        errors += 1;
        firstError ??= e.message;
        resolve();
      });
      req.end(r.body);
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline && i < maxRequests) {
        const n = i++;
        if (rate) {
          const due = started + (n * 1000) / rate;
          if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        }
        await one(next(n));
      }
    }),
  );
  agent.destroy();
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? 0;
  return { requests: latencies.length, errors, seconds: elapsed, rps: latencies.length / elapsed, p50: at(0.5), p95: at(0.95), p99: at(0.99), ...(firstError ? { firstError } : {}) };
}
