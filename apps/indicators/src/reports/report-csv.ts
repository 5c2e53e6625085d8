import type { IndicatorReport } from '../domain/report';
import { DIRECTION_LABELS, districtName, OVERDUE_KIND_LABELS, plainNumber, plainValue, TREND_LABELS, UNIT_LABELS } from './report-format';

/**
 * A report as RFC 4180 CSV: UTF-8 with a BOM (Excel in China otherwise reads it as GBK and shows
 * mojibake), CRLF line ends, Chinese headers. The indicators come first, one row each; after an
 * empty row, the overdue items under their own header. Numbers are plain and machine-readable:
 * rates as fractions with 4 decimals (0.9167, not 91.7%), mean days with 1, counts as integers.
 */

const BOM = '\uFEFF';
const CRLF = '\r\n';

export const INDICATOR_HEADER = [
  '区划代码', '区划名称', '统计周期', '指标代码', '指标名称', '单位', '方向', '目标', '数值', '分子', '分母',
  '上期数值', '趋势', '是否达标', '排名', '参与排名区县数',
] as const;

export const OVERDUE_HEADER = ['类型', '区县代码', '区县', '编号', '机关', '应答复日期', '逾期天数'] as const;

/**
 * Cells that a spreadsheet would run as a formula (= + - @, and tab or CR which some strip first)
 * get a leading apostrophe: agency names and catalogue texts come from users. Numbers are written
 * by us and never pass through here, so a negative number stays a number.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** A user- or catalogue-supplied text cell. */
const text = (value: string | null): string => csvField(neutraliseFormula(value ?? ''));
const row = (cells: readonly string[]): string => cells.join(',') + CRLF;

export function renderReportCsv(report: IndicatorReport): string {
  const { jurisdiction } = report;
  const lines = report.lines.map((l) =>
    row([
      text(jurisdiction.code),
      text(jurisdiction.name),
      text(report.period),
      text(l.code),
      text(l.name),
      UNIT_LABELS[l.unit],
      DIRECTION_LABELS[l.direction],
      plainValue(l.unit, l.target),
      plainValue(l.unit, l.value),
      plainNumber(l.numerator),
      plainNumber(l.denominator),
      plainValue(l.unit, l.previousValue),
      l.trend ? TREND_LABELS[l.trend] : '',
      l.meetsTarget === null ? '' : l.meetsTarget ? '是' : '否',
      l.rank === null ? '' : String(l.rank),
      String(l.rankedAmong),
    ]),
  );
  const overdue = report.overdue.map((o) =>
    row([
      OVERDUE_KIND_LABELS[o.kind],
      text(o.districtCode),
      text(districtName(o.districtCode)),
      text(o.reference),
      text(o.agencyName),
      text(o.dueOn),
      String(o.daysOverdue),
    ]),
  );
  return BOM + row(INDICATOR_HEADER) + lines.join('') + CRLF + row(OVERDUE_HEADER) + overdue.join('');
}
