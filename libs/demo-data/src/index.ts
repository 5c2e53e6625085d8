// Deterministic demo data: the same seed gives the same rows (ids included) in every service's
// generator, so tools can address demo records without reading another service's database.
import { createHash } from 'node:crypto';

/** A version-4-shaped uuid derived from the seed and a name (stable across runs and services). */
export function demoUuid(seed: number, name: string): string {
  const h = createHash('sha256').update(`${seed}:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** mulberry32: a small seeded PRNG in [0, 1), enough for demo data (not for anything secret). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A one-line progress bar on stderr: `[#####.....] done/total, s, rate/s, ~eta s left (label)`.
 * Call it after each batch; `done()` ends the line.
 */
export function progressBar(total: number, unit: string, write: (text: string) => void = (t) => process.stderr.write(t)) {
  const started = Date.now();
  const width = 26;
  return {
    update(done: number, label = ''): void {
      const filled = Math.round((Math.min(done, total) / Math.max(total, 1)) * width);
      const seconds = (Date.now() - started) / 1000;
      const rate = Math.round(done / Math.max(seconds, 0.001));
      const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${unit}, ${seconds.toFixed(0)} s, ${rate.toLocaleString('en')}/s, ~${eta} s left${label ? ` (${label})` : ''}`;
      write(`\r${line.padEnd(100)}`);
    },
    done(): void {
      write('\n');
    },
  };
}
