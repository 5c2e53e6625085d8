import { CITY_CODE } from '@pgov/reference-data';
import type { IndicatorReport, OverdueItem, ReportLine } from '../domain/report';
import { escapeHtml as esc } from './escape-html';
import { BAR_COLOR, HIGHLIGHT_COLOR, renderBarChart, TARGET_COLOR } from './report-chart';
import { REPORT_STYLE } from './report-style';
import { chinaDateTime, displayValue, districtName, jurisdictionTitle, OVERDUE_KIND_LABELS, periodLabel, periodRange } from './report-format';

export { escapeHtml } from './escape-html';
export { BAR_COLOR, HIGHLIGHT_COLOR, TARGET_COLOR } from './report-chart';

/**
 * A report as one self-contained HTML5 document: inline style, inline SVG charts, no script and
 * nothing fetched (the platform runs in an isolated network; the CSP forbids loading anything
 * should a value ever slip through). Readable on screen, printable on A4. Every text is escaped.
 */

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** '≥ 60.0%' or '≤ 15.0 天'; '—' without a target. */
function targetText(line: ReportLine): string {
  if (line.target === null) return '—';
  return `${line.direction === 'LOWER_IS_BETTER' ? '≤' : '≥'} ${displayValue(line.unit, line.target)}`;
}

function meetsCell(line: ReportLine): string {
  if (line.meetsTarget === null) return '<span class="muted">—</span>';
  return line.meetsTarget ? '<span class="good" title="达标">✓ 达标</span>' : '<span class="bad" title="未达标">✗ 未达标</span>';
}

const ARROWS = { UP: '↑', DOWN: '↓', FLAT: '→' } as const;

/** Arrow by the direction of change, coloured by whether that is for the better. */
function trendCell(line: ReportLine): string {
  if (line.trend === null) return '<span class="muted">—</span>';
  const cls = line.improved === true ? 'good' : line.improved === false ? 'bad' : 'muted';
  const why = line.improved === true ? '向好' : line.improved === false ? '变差' : '持平';
  return `<span class="${cls}" title="${why}">${ARROWS[line.trend]}</span>`;
}

function rankText(line: ReportLine): string {
  return line.rank === null ? '—' : `${line.rank}/${line.rankedAmong}`;
}

/** Numerator / denominator behind a rate or mean, so a reader can see how few cases a percentage rests on. */
function basisText(line: ReportLine): string {
  if (line.unit === 'COUNT' || line.denominator === 0) return '';
  const n = line.unit === 'DAYS' ? `${line.numerator.toFixed(1)} 天` : String(line.numerator);
  return `${n} / ${line.denominator}`;
}

/** The city is not ranked among its districts: its report has no rank column. */
function summaryRow(line: ReportLine, i: number, ranked: boolean): string {
  const basis = basisText(line);
  return `<tr>
<td class="num">${i + 1}</td>
<td><a class="ind" href="#${esc(anchor(line))}">${esc(line.name)}</a></td>
<td class="num strong">${esc(displayValue(line.unit, line.value))}${basis ? `<div class="basis">${esc(basis)}</div>` : ''}</td>
<td class="num">${esc(displayValue(line.unit, line.previousValue))}</td>
<td class="c trend">${trendCell(line)}</td>
<td class="num">${esc(targetText(line))}</td>
<td class="c">${meetsCell(line)}</td>${ranked ? `
<td class="c">${esc(rankText(line))}</td>` : ''}
</tr>`;
}

const anchor = (line: ReportLine) => `ind-${line.code}`;

function chartSection(line: ReportLine, i: number, highlight: string | null, ownName: string): string {
  const target = line.target === null ? '' : `目标 ${targetText(line)}`;
  const facts = [
    `本期 <b>${esc(displayValue(line.unit, line.value))}</b>`,
    `上期 ${esc(displayValue(line.unit, line.previousValue))} ${trendCell(line)}`,
    line.target === null ? '' : `${esc(target)} ${meetsCell(line)}`,
    line.rank === null ? '' : `排名 <b>${esc(rankText(line))}</b>`,
  ].filter(Boolean);
  const legend = [
    `<span class="key"><i style="background:${BAR_COLOR}"></i>各区县</span>`,
    highlight ? `<span class="key"><i style="background:${HIGHLIGHT_COLOR}"></i>${esc(ownName)}</span>` : '',
    line.target === null ? '' : `<span class="key"><i class="dash" style="border-color:${TARGET_COLOR}"></i>目标</span>`,
    `<span class="key muted">${line.direction === 'LOWER_IS_BETTER' ? '数值越低越好' : '数值越高越好'}</span>`,
  ].join('');
  return `<section class="card" id="${esc(anchor(line))}">
<h3><span class="no">${i + 1}</span>${esc(line.name)}</h3>
<p class="desc">${esc(line.description)}</p>
<p class="facts">${facts.join('<span class="sep">·</span>')}</p>
<div class="legend">${legend}</div>
${renderBarChart(line, highlight, targetText(line))}
</section>`;
}

function overdueTable(items: OverdueItem[]): string {
  if (items.length === 0) return '<p class="none">本期无逾期未答复事项。</p>';
  const rows = [...items]
    .sort((a, b) => b.daysOverdue - a.daysOverdue)
    .map(
      (o) => `<tr>
<td class="nw">${esc(OVERDUE_KIND_LABELS[o.kind])}</td>
<td class="nw">${esc(districtName(o.districtCode))}</td>
<td class="ref">${esc(o.reference)}</td>
<td>${o.agencyName === null ? '<span class="muted">—</span>' : esc(o.agencyName)}</td>
<td class="num">${esc(o.dueOn)}</td>
<td class="num bad strong">${esc(String(o.daysOverdue))} 天</td>
</tr>`,
    )
    .join('\n');
  return `<table class="grid overdue">
<thead><tr><th>类型</th><th>区县</th><th>编号</th><th>机关</th><th>应答复日期</th><th>逾期天数</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function highlights(report: IndicatorReport): string {
  const withTarget = report.lines.filter((l) => l.meetsTarget !== null);
  const met = withTarget.filter((l) => l.meetsTarget).length;
  const improved = report.lines.filter((l) => l.improved === true).length;
  const worse = report.lines.filter((l) => l.improved === false).length;
  const tile = (label: string, value: string, note: string, cls = '') =>
    `<div class="tile ${cls}"><div class="tile-label">${esc(label)}</div><div class="tile-value">${esc(value)}</div><div class="tile-note">${esc(note)}</div></div>`;
  return `<div class="tiles">
${tile('指标', `${report.lines.length} 项`, `设有目标 ${withTarget.length} 项`)}
${tile('达标', `${met}/${withTarget.length}`, `未达标 ${withTarget.length - met} 项`, met < withTarget.length ? 'warn' : 'ok')}
${tile('较上期', `${improved} 项向好`, `${worse} 项变差`)}
${tile('逾期未答复', `${report.overdue.length} 件`, report.overdue.length ? '请督促办理' : '无', report.overdue.length ? 'alert' : 'ok')}
</div>`;
}

export function renderReportHtml(report: IndicatorReport): string {
  const { jurisdiction } = report;
  const isCity = jurisdiction.code === CITY_CODE;
  const highlight = isCity ? null : jurisdiction.code;
  const who = jurisdictionTitle(jurisdiction.code, jurisdiction.name);
  const when = periodLabel(report.periodKind, report.period);
  const title = `${who} ${when} 检察参与社会治理指标报告`;
  const range = periodRange(report.periodKind, report.period);
  const previous = periodLabel(report.periodKind, report.previousPeriod);

  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<main class="page">
<header class="masthead">
<div class="org">${esc(who)}人民检察院</div>
<h1>${esc(title)}</h1>
<p class="meta">统计周期 ${esc(range || when)}<span class="sep">·</span>对比上期 ${esc(previous)}<span class="sep">·</span>生成时间 ${esc(chinaDateTime(report.generatedAt))}</p>
</header>
${highlights(report)}
<h2>一、指标总览</h2>
<table class="grid summary">
<thead><tr><th class="num">序号</th><th>指标</th><th class="num">本期</th><th class="num">上期</th><th class="c">趋势</th><th class="num">目标</th><th class="c">达标</th>${isCity ? '' : '<th class="c">区县排名</th>'}</tr></thead>
<tbody>
${report.lines.map((l, i) => summaryRow(l, i, !isCity)).join('\n')}
</tbody>
</table>
<p class="note">趋势箭头表示与上期相比数值的升降，绿色为向好、红色为变差（依指标方向判断）${isCity ? '' : '；区县排名为在有数据的区县中的名次（1 为最好）'}。</p>
<h2>二、${esc(report.overdue.length ? `逾期未答复事项（${report.overdue.length} 件）` : '逾期未答复事项')}</h2>
${overdueTable(report.overdue)}
<h2>三、各区县指标对比</h2>
${report.lines.map((l, i) => chartSection(l, i, highlight, jurisdiction.name)).join('\n')}
<footer class="foot">本报告由检察参与社会治理数据平台自动生成，仅含统计汇总数据与机关名称，不含个人信息。</footer>
</main>
</body>
</html>
`;
}
