/**
 * Fetches an indicator report through the gateway, as a front end would, with a development
 * ANALYST token: prints its lines and writes the CSV and the HTML document to files.
 *
 *   npx tsx tools/indicator-report.ts [--district 610100] [--period-kind QUARTER] [--period 2026-Q4]
 *                                     [--gateway http://127.0.0.1:4000/graphql] [--out .run/reports]
 *   (period: the current one in China by default)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mintToken, Role } from '@pgov/auth';
import { graphql } from '@pgov/testing';

const KEY = join(__dirname, '..', '.run', 'keys', 'private.pem');

function currentPeriod(kind: string): string {
  const china = new Date(Date.now() + 8 * 3_600_000);
  const y = china.getUTCFullYear();
  const m = china.getUTCMonth() + 1;
  return kind === 'YEAR' ? String(y) : kind === 'QUARTER' ? `${y}-Q${Math.ceil(m / 3)}` : `${y}-${String(m).padStart(2, '0')}`;
}

interface Line {
  indicator: { code: string; name: string; unit: string };
  value: number | null;
  numerator: number;
  denominator: number;
  target: number | null;
  meetsTarget: boolean | null;
  trend: string | null;
  rank: number | null;
  rankedAmong: number;
}

async function main() {
  const { values } = parseArgs({
    options: {
      district: { type: 'string', default: '610100' },
      'period-kind': { type: 'string', default: 'QUARTER' },
      period: { type: 'string' },
      gateway: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
      out: { type: 'string', default: join('.run', 'reports') },
    },
  });
  const kind = values['period-kind']!;
  const period = values.period ?? currentPeriod(kind);
  const token = await mintToken(readFileSync(KEY, 'utf8'), { subject: 'dev-analyst', name: '数据分析员', roles: [Role.ANALYST], district: '610100' }, { expiresIn: '10m' });
  const res = await graphql<{ indicatorReport: { jurisdictionName: string; lines: Line[]; overdue: unknown[]; csv: string; html: string } | null }>(
    values.gateway!,
    `query($d: ID!, $k: PeriodKind!, $p: String!) { indicatorReport(districtCode: $d, periodKind: $k, period: $p) {
       jurisdictionName lines { indicator { code name unit } value numerator denominator target meetsTarget trend rank rankedAmong } overdue { kind } csv html } }`,
    { d: values.district, k: kind, p: period },
    token,
  );
  if (res.errors || !res.data?.indicatorReport) throw new Error(`report failed: ${JSON.stringify(res.errors ?? 'not visible')}`);
  const r = res.data.indicatorReport;
  const show = (l: Line) => (l.value === null ? '—' : l.indicator.unit === 'RATE' ? `${(l.value * 100).toFixed(1)}%` : l.indicator.unit === 'DAYS' ? `${l.value.toFixed(1)} 天` : String(l.value));
  console.log(`${r.jurisdictionName} ${period}: ${r.lines.length} indicators, ${r.lines.filter((l) => l.value !== null).length} with values, ${r.overdue.length} overdue items`);
  for (const l of r.lines) {
    const fraction = l.indicator.unit === 'COUNT' ? '' : ` (${+l.numerator.toFixed(2)}/${l.denominator})`;
    const rank = l.rank === null ? '' : `  rank ${l.rank}/${l.rankedAmong}`;
    console.log(`  ${l.indicator.code.padEnd(36)} ${show(l).padStart(8)}${fraction}${l.meetsTarget === false ? '  below target' : ''}${rank}`);
  }
  mkdirSync(values.out!, { recursive: true });
  const base = join(values.out!, `${values.district}-${period}`);
  writeFileSync(`${base}.csv`, r.csv);
  writeFileSync(`${base}.html`, r.html);
  console.log(`written: ${base}.csv, ${base}.html`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
