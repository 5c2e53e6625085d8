/**
 * The report's inline stylesheet. Fonts are the machine's own (Noto CJK on Debian/Kylin, YaHei on
 * Windows desktops): the network is isolated, so no web font is ever fetched. Print: A4 portrait,
 * colours kept (the charts and ✓/✗ mean something), a chart never split across pages.
 */
export const REPORT_STYLE = `
:root { --ink:#1f2933; --muted:#6b7280; --rule:#d9dde3; --good:#1e7d44; --bad:#b42318; --accent:#8f1d1d; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #eef0f3; color: var(--ink);
  font-family: "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif;
  font-size: 14px; line-height: 1.6; }
.page { max-width: 980px; margin: 24px auto; padding: 40px 56px 32px; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
.masthead { text-align: center; border-bottom: 3px double var(--accent); padding-bottom: 14px; margin-bottom: 20px; }
.org { color: var(--accent); font-size: 15px; letter-spacing: .3em; font-weight: 700; }
h1 { font-size: 24px; margin: 6px 0 8px; letter-spacing: .04em; }
h2 { font-size: 17px; margin: 28px 0 10px; padding-left: 10px; border-left: 4px solid var(--accent); }
h3 { font-size: 15px; margin: 0 0 2px; }
.meta { color: var(--muted); font-size: 13px; margin: 0; }
.sep { color: #c3c7cd; margin: 0 .6em; }
.muted { color: var(--muted); }
.good { color: var(--good); font-weight: 700; }
.bad { color: var(--bad); font-weight: 700; }
.strong { font-weight: 700; }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; }
.tile { border: 1px solid var(--rule); border-top: 3px solid #5b6b7d; border-radius: 4px; padding: 8px 12px; }
.tile.ok { border-top-color: var(--good); }
.tile.warn { border-top-color: #d4880f; }
.tile.alert { border-top-color: var(--bad); }
.tile-label { color: var(--muted); font-size: 12px; }
.tile-value { font-size: 20px; font-weight: 700; line-height: 1.3; }
.tile-note { color: var(--muted); font-size: 12px; }
table.grid { width: 100%; border-collapse: collapse; font-size: 13px; }
.grid th { background: #f2f4f7; font-weight: 700; text-align: left; border-bottom: 2px solid #c9ced6; padding: 6px 8px; white-space: nowrap; }
.grid td { border-bottom: 1px solid #e6e9ed; padding: 5px 8px; vertical-align: top; }
.grid tbody tr:nth-child(even) td { background: #fafbfc; }
.grid .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.grid .c { text-align: center; white-space: nowrap; }
.grid .nw { white-space: nowrap; }
.grid .trend { font-size: 16px; line-height: 1.2; }
.grid .ref { font-family: "Noto Sans Mono CJK SC", monospace; font-size: 12px; word-break: break-all; }
.basis { color: var(--muted); font-size: 11px; font-weight: 400; line-height: 1.2; }
a.ind { color: inherit; text-decoration: none; }
.note, .none, .foot { color: var(--muted); font-size: 12px; }
.card { border: 1px solid var(--rule); border-radius: 4px; padding: 12px 16px 6px; margin: 0 0 14px; break-inside: avoid; page-break-inside: avoid; }
.card h3 .no { display: inline-block; min-width: 1.6em; color: var(--accent); }
.desc { color: var(--muted); font-size: 12px; margin: 0 0 4px; }
.facts { margin: 0 0 4px; font-size: 13px; }
.legend { font-size: 12px; color: var(--muted); }
.key { margin-right: 14px; white-space: nowrap; }
.key i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: -1px; }
.key i.dash { width: 16px; height: 0; border-top: 2px dashed; vertical-align: 3px; }
svg.chart { display: block; width: 100%; height: auto; font-family: inherit; }
.foot { border-top: 1px solid var(--rule); margin-top: 24px; padding-top: 8px; text-align: center; }
@page { size: A4 portrait; margin: 14mm 12mm 16mm; }
@media print {
  body { background: #fff; font-size: 12px; }
  .page { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .tiles { gap: 8px; }
}
`;
