import { DISTRICTS } from '@pgov/reference-data';
import type { IndicatorUnit } from '../domain/catalogue';
import type { ReportLine } from '../domain/report';
import { escapeHtml as esc } from './escape-html';

/**
 * The per-indicator bar chart as inline SVG, drawn on the server: 13 district bars in code order
 * (so a district sits in the same place in every chart), the report's own district highlighted,
 * a dashed line at the target. No script and no external resource, so it shows offline and prints.
 */

/** Bar fills, distinctive so the screenshot test can count their pixels. */
export const BAR_COLOR = '#1f6fb2';
export const HIGHLIGHT_COLOR = '#c0392b';
export const TARGET_COLOR = '#e67e22';
const GRID_COLOR = '#e3e6ea';
const AXIS_COLOR = '#9aa1a9';
const LABEL_COLOR = '#374151';
const MUTED_COLOR = '#8a9099';

// viewBox units; the SVG scales to its container's width.
const W = 720;
const H = 230;
// The right margin holds the target's label, clear of the bars' value labels.
const M = { left: 52, right: 58, top: 26, bottom: 34 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

/** A tick step of 1, 2, 2.5 or 5 × 10^k giving about four intervals; whole numbers for counts. */
function tickStep(max: number, unit: IndicatorUnit): number {
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const steps = [1, 2, 2.5, 5, 10].map((f) => f * power).filter((s) => unit !== 'COUNT' || Number.isInteger(s));
  const step = steps.find((s) => s >= raw) ?? 10 * power;
  return unit === 'COUNT' ? Math.max(1, step) : step;
}

/** The axis: 0–100% for rates (honest for a percentage), else rounded up from the largest value or target. */
function axis(line: ReportLine): { max: number; step: number } {
  if (line.unit === 'RATE') return { max: 1, step: 0.25 };
  const top = Math.max(...line.districtValues.map((d) => d.value ?? 0), line.target ?? 0);
  if (top <= 0) return { max: 4, step: 1 };
  const step = tickStep(top, line.unit);
  return { max: step * Math.ceil(top / step - 1e-9), step };
}

function tickLabel(unit: IndicatorUnit, v: number): string {
  if (unit === 'RATE') return `${Math.round(v * 100)}%`;
  return Number(v.toFixed(2)).toString();
}

/** Short value above a bar: '91.7%', '12.3', '48'. */
function barLabel(unit: IndicatorUnit, v: number): string {
  if (unit === 'RATE') return `${(v * 100).toFixed(1)}%`;
  if (unit === 'DAYS') return v.toFixed(1);
  return String(Math.round(v));
}

const fmt = (n: number) => Number(n.toFixed(2)).toString();

/** `targetValue` is the target as the reader sees it ('≥ 60.0%'), drawn beside the dashed line. */
export function renderBarChart(line: ReportLine, highlightCode: string | null, targetValue: string): string {
  const { max, step } = axis(line);
  const y = (v: number) => M.top + PLOT_H - (Math.min(v, max) / max) * PLOT_H;
  const slot = PLOT_W / DISTRICTS.length;
  const barW = slot * 0.62;
  const parts: string[] = [];

  for (let t = 0; t <= max + 1e-9; t += step) {
    const ty = fmt(y(t));
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${ty}" y2="${ty}" stroke="${t === 0 ? AXIS_COLOR : GRID_COLOR}" stroke-width="1"/>`);
    parts.push(`<text x="${M.left - 6}" y="${ty}" dy="0.35em" text-anchor="end" font-size="11" fill="${MUTED_COLOR}">${esc(tickLabel(line.unit, t))}</text>`);
  }

  // Bars follow the reference list; a district missing from the report shows as no data.
  DISTRICTS.forEach((d, i) => {
    const value = line.districtValues.find((v) => v.districtCode === d.code)?.value ?? null;
    const own = d.code === highlightCode;
    const cx = M.left + slot * i + slot / 2;
    const x = fmt(cx - barW / 2);
    const labelWeight = own ? ' font-weight="700"' : '';
    parts.push(`<g><title>${esc(`${d.name}：${value === null ? '无数据' : barLabel(line.unit, value)}`)}</title>`);
    if (value === null) {
      parts.push(`<text x="${fmt(cx)}" y="${fmt(y(0) - 6)}" text-anchor="middle" font-size="10" fill="${MUTED_COLOR}">无数据</text>`);
    } else {
      const top = y(value);
      const h = Math.max(y(0) - top, value > 0 ? 1 : 0);
      parts.push(`<rect x="${x}" y="${fmt(y(0) - h)}" width="${fmt(barW)}" height="${fmt(h)}" fill="${own ? HIGHLIGHT_COLOR : BAR_COLOR}"/>`);
      // A white halo keeps the label legible where it crosses the target line.
      parts.push(
        `<text x="${fmt(cx)}" y="${fmt(y(0) - h - 5)}" text-anchor="middle" font-size="11" fill="${own ? HIGHLIGHT_COLOR : LABEL_COLOR}"${labelWeight} stroke="#fff" stroke-width="3" paint-order="stroke">${esc(barLabel(line.unit, value))}</text>`,
      );
    }
    parts.push(`<text x="${fmt(cx)}" y="${H - M.bottom + 18}" text-anchor="middle" font-size="12" fill="${own ? HIGHLIGHT_COLOR : LABEL_COLOR}"${labelWeight}>${esc(d.name)}</text></g>`);
  });

  if (line.target !== null) {
    const ty = fmt(y(line.target));
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${ty}" y2="${ty}" stroke="${TARGET_COLOR}" stroke-width="1.5" stroke-dasharray="6 4"/>`);
    parts.push(
      `<text x="${W - M.right + 6}" y="${ty}" font-size="11" fill="${TARGET_COLOR}"><tspan dy="-0.3em">目标</tspan><tspan x="${W - M.right + 6}" dy="1.25em">${esc(targetValue)}</tspan></text>`,
    );
  }

  const label = `${line.name}：各区县${line.target === null ? '' : `，目标 ${targetValue}`}`;
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}">${parts.join('')}</svg>`;
}
