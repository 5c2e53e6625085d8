import { demoUuid, progressBar, seededRandom } from './index';

describe('demo data helpers', () => {
  it('derives the same uuid from the same seed and name, another from another', () => {
    const id = demoUuid(2026, 'member:610113-001-001-01:1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(demoUuid(2026, 'member:610113-001-001-01:1')).toBe(id);
    expect(demoUuid(2027, 'member:610113-001-001-01:1')).not.toBe(id);
  });

  it('repeats the random sequence for a seed and stays in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(8)()).not.toBe(xs[0]);
  });

  it('draws a bar of the share done', () => {
    const out: string[] = [];
    const bar = progressBar(4, 'rows', (t) => out.push(t));
    bar.update(2, 'half');
    expect(out[0]).toMatch(/^\r\[#{13}\.{13}\] 2\/4 rows, .* \(half\)/);
  });
});
