import type { IndicatorReport } from '../domain/report';
import { REPORT_FIXTURE, reportFixture } from './report-fixture';
import { BAR_COLOR, escapeHtml, HIGHLIGHT_COLOR, renderReportHtml, TARGET_COLOR } from './report-html';

const HOSTILE = '<script>alert(1)</script>';
const count = (text: string, needle: string) => text.split(needle).length - 1;

/** A report whose user-typed texts are all attacks: agency, indicator name and description, reference. */
const hostile: IndicatorReport = {
  ...REPORT_FIXTURE,
  jurisdiction: { ...REPORT_FIXTURE.jurisdiction, name: `雁塔区${HOSTILE}` },
  lines: REPORT_FIXTURE.lines.map((l, i) =>
    i === 0 ? { ...l, name: `<img src=x onerror=alert(1)>${l.name}`, description: `" onmouseover="alert(1)' <style>@import 'https://evil.example/x.css'</style>` } : l,
  ),
  overdue: [{ kind: 'RECOMMENDATION_REPLY', districtCode: '610113', reference: `雁检建〔2026〕1号${HOSTILE}`, agencyName: HOSTILE, dueOn: '2026-12-01', daysOverdue: 35 }],
};

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute', () => {
    expect(escapeHtml(HOSTILE)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml(`a & b "c" 'd'`)).toBe('a &amp; b &quot;c&quot; &#39;d&#39;');
    expect(escapeHtml('西安市雁塔区市场监督管理局')).toBe('西安市雁塔区市场监督管理局');
  });
});

describe('renderReportHtml', () => {
  const html = renderReportHtml(REPORT_FIXTURE);

  it('is one HTML5 document in Chinese, UTF-8, with a CSP that forbids loading anything', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:/);
    expect(html).toContain('<title>西安市雁塔区 2026年第四季度 检察参与社会治理指标报告</title>');
    expect(html).toContain('统计周期 2026-10-01 至 2026-12-31');
    expect(html).toContain('生成时间 2027-01-05 09:30');
  });

  it('refers to nothing outside itself: no URL, script, link, image, import or web font', () => {
    for (const doc of [html, renderReportHtml(reportFixture('610100'))]) {
      expect(doc).not.toMatch(/https?:\/\//i);
      expect(doc).not.toMatch(/<script/i);
      expect(doc).not.toMatch(/<link/i);
      expect(doc).not.toMatch(/<img|<iframe|<object|<embed/i);
      expect(doc).not.toMatch(/@import|@font-face|url\(/i);
      expect(doc).not.toMatch(/\son[a-z]+=/i);
    }
  });

  it('draws one SVG chart per indicator with 13 district bars, the own district highlighted', () => {
    expect(count(html, '<svg')).toBe(REPORT_FIXTURE.lines.length);
    const own = REPORT_FIXTURE.lines.filter((l) => l.districtValues.find((d) => d.districtCode === '610113')?.value != null).length;
    expect(count(html, `<rect `)).toBe(REPORT_FIXTURE.lines.reduce((n, l) => n + l.districtValues.filter((d) => d.value !== null).length, 0));
    expect(count(html, `fill="${HIGHLIGHT_COLOR}"/>`)).toBe(own);
    expect(count(html, `fill="${BAR_COLOR}"/>`)).toBeGreaterThan(own * 10);
    // Every chart labels all 13 districts by name.
    for (const name of ['新城区', '雁塔区', '周至县']) expect(count(html, `>${name}</text>`)).toBe(REPORT_FIXTURE.lines.length);
    // No data is said, not drawn as zero.
    expect(html).toContain('>无数据</text>');
  });

  it('draws a dashed target line only where there is a target', () => {
    const withTarget = REPORT_FIXTURE.lines.filter((l) => l.target !== null).length;
    expect(withTarget).toBeGreaterThan(0);
    expect(count(html, `stroke="${TARGET_COLOR}" stroke-width="1.5" stroke-dasharray`)).toBe(withTarget);
  });

  it('highlights no bar and ranks nothing in the city report', () => {
    const city = renderReportHtml(reportFixture('610100'));
    expect(city).toContain('<title>西安市 2026年第四季度 检察参与社会治理指标报告</title>');
    expect(city).not.toContain(HIGHLIGHT_COLOR);
    expect(city).not.toContain('区县排名');
    expect(html).toContain('区县排名');
  });

  it('formats values by unit and marks targets, trends and ranks in the summary', () => {
    const rate = REPORT_FIXTURE.lines.find((l) => l.code === 'CLUE_ACCEPTANCE_RATE');
    const days = REPORT_FIXTURE.lines.find((l) => l.code === 'CLUE_DECISION_DAYS');
    if (!rate?.value || !days?.value) throw new Error('fixture lacks values');
    expect(html).toContain(`${(rate.value * 100).toFixed(1)}%`);
    expect(html).toContain(`${days.value.toFixed(1)} 天`);
    expect(html).toContain('≥ 60.0%');
    expect(html).toContain('≤ 15.0 天');
    expect(html).toContain(`${rate.rank}/${rate.rankedAmong}`);
    expect(html).toMatch(/class="good" title="达标">✓/);
    expect(html).toMatch(/class="bad" title="未达标">✗/);
    expect(html).toMatch(/class="(good|bad)" title="(向好|变差)">[↑↓]/);
  });

  it('lists the overdue items, longest overdue first', () => {
    const sorted = [...REPORT_FIXTURE.overdue].sort((a, b) => b.daysOverdue - a.daysOverdue);
    const positions = sorted.map((o) => html.indexOf(o.reference));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(renderReportHtml({ ...REPORT_FIXTURE, overdue: [] })).toContain('本期无逾期未答复事项');
  });

  it('escapes every user-typed text: no markup, attribute or URL gets through', () => {
    const doc = renderReportHtml(hostile);
    expect(doc).not.toContain(HOSTILE);
    expect(doc).not.toMatch(/<script|<img|<style>@import/i);
    expect(doc).not.toMatch(/" onmouseover=/);
    expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(doc).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(doc).toContain('&quot; onmouseover=&quot;alert(1)&#39;');
    // The only <style> is ours.
    expect(count(doc, '<style>')).toBe(1);
  });
});
