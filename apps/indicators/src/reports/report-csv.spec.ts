import type { IndicatorReport } from '../domain/report';
import { csvField, INDICATOR_HEADER, neutraliseFormula, OVERDUE_HEADER, renderReportCsv } from './report-csv';
import { REPORT_FIXTURE, reportFixture } from './report-fixture';

/** A strict RFC 4180 reader (quoted fields, doubled quotes, CRLF records), enough to read our output back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === '') {
      // A quoted field runs to the next quote not doubled.
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      if (i < text.length && text[i] !== ',' && text.slice(i, i + 2) !== '\r\n') throw new Error(`junk after quoted field at ${i}`);
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (c === '\r' || c === '\n') {
      throw new Error(`bare line break at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

const BOM = '\uFEFF';
const read = (report: IndicatorReport) => {
  const csv = renderReportCsv(report);
  expect(csv.startsWith(BOM)).toBe(true);
  return parseCsv(csv.slice(BOM.length));
};

/** The indicator section, the empty separator row, the overdue section. */
function sections(rows: string[][]) {
  const gap = rows.findIndex((r) => r.length === 1 && r[0] === '');
  return { indicators: rows.slice(0, gap), overdue: rows.slice(gap + 1) };
}

const withAgency = (agencyName: string): IndicatorReport => ({
  ...REPORT_FIXTURE,
  overdue: [{ kind: 'RECOMMENDATION_REPLY', districtCode: '610113', reference: '雁检建〔2026〕99号', agencyName, dueOn: '2026-12-01', daysOverdue: 35 }],
});

describe('renderReportCsv', () => {
  it('starts with a UTF-8 BOM and ends every record with CRLF, never a bare LF', () => {
    const csv = renderReportCsv(REPORT_FIXTURE);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('reads back: a header, one row per indicator, an empty row, the overdue items under their header', () => {
    const { indicators, overdue } = sections(read(REPORT_FIXTURE));
    expect(indicators[0]).toEqual([...INDICATOR_HEADER]);
    expect(indicators.slice(1).map((r) => r[3])).toEqual(REPORT_FIXTURE.lines.map((l) => l.code));
    for (const r of indicators) expect(r).toHaveLength(INDICATOR_HEADER.length);
    expect(overdue[0]).toEqual([...OVERDUE_HEADER]);
    expect(overdue).toHaveLength(REPORT_FIXTURE.overdue.length + 1);
    for (const r of overdue) expect(r).toHaveLength(OVERDUE_HEADER.length);
  });

  it('writes machine-readable numbers: rates as 4-decimal fractions, days with 1 decimal, counts as integers', () => {
    const { indicators } = sections(read(REPORT_FIXTURE));
    const col = (name: (typeof INDICATOR_HEADER)[number]) => INDICATOR_HEADER.indexOf(name);
    const byCode = new Map(indicators.slice(1).map((r) => [r[col('指标代码')], r]));
    for (const line of REPORT_FIXTURE.lines) {
      const r = byCode.get(line.code);
      if (!r) throw new Error(`no row for ${line.code}`);
      const value = r[col('数值')] ?? '';
      if (line.value === null) expect(value).toBe('');
      else if (line.unit === 'RATE') expect(value).toMatch(/^[01]\.\d{4}$/);
      else if (line.unit === 'DAYS') expect(value).toMatch(/^\d+\.\d$/);
      else expect(value).toMatch(/^\d+$/);
      if (line.value !== null) expect(Number(value)).toBeCloseTo(line.value, line.unit === 'RATE' ? 4 : line.unit === 'DAYS' ? 1 : 9);
      expect(r[col('排名')]).toBe(line.rank === null ? '' : String(line.rank));
      expect(r[col('是否达标')]).toBe(line.meetsTarget === null ? '' : line.meetsTarget ? '是' : '否');
    }
    const rate = byCode.get('CLUE_ACCEPTANCE_RATE');
    expect(rate?.slice(col('单位'), col('目标') + 1)).toEqual(['比率', '越高越好', '0.6000']);
  });

  it('quotes fields holding a comma, a quote or a line break, and they read back unchanged', () => {
    const name = '西安市"雁塔区",城市管理\r\n和综合执法局';
    const csv = renderReportCsv(withAgency(name));
    expect(csv).toContain('"西安市""雁塔区"",城市管理\r\n和综合执法局"');
    const { overdue } = sections(parseCsv(csv.slice(1)));
    expect(overdue[1]?.[4]).toBe(name);
  });

  it('neutralises spreadsheet formulas in user-supplied text with a leading apostrophe', () => {
    for (const hostile of ['=HYPERLINK("http://evil.example","点击")', '+1+1', '-2+3', '@SUM(A1:A9)', '\t=1']) {
      const { overdue } = sections(read(withAgency(hostile)));
      expect(overdue[1]?.[4]).toBe(`'${hostile}`);
    }
    // Ordinary names, and formulas not at the start, are left alone.
    expect(neutraliseFormula('雁塔区市场监督管理局')).toBe('雁塔区市场监督管理局');
    expect(neutraliseFormula('A=B')).toBe('A=B');
    const renamed = { ...REPORT_FIXTURE, lines: REPORT_FIXTURE.lines.map((l) => ({ ...l, name: `=${l.name}` })) };
    const { indicators } = sections(read(renamed));
    expect(indicators[1]?.[4]).toBe(`'=${REPORT_FIXTURE.lines[0]?.name}`);
  });

  it('leaves a plain field unquoted', () => {
    expect(csvField('雁检建〔2026〕12号')).toBe('雁检建〔2026〕12号');
    expect(csvField('a"b')).toBe('"a""b"');
  });

  it('writes petitions with an empty agency, and a city report without ranks', () => {
    const { overdue } = sections(read(REPORT_FIXTURE));
    const petition = overdue.find((r) => r[0] === '群众来信程序性回复');
    expect(petition?.[4]).toBe('');
    expect(petition?.[2]).toBe('雁塔区');
    const city = sections(read(reportFixture('610100')));
    expect(city.indicators.slice(1).every((r) => r[14] === '' && r[0] === '610100' && r[1] === '西安市')).toBe(true);
  });
});
