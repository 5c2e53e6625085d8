import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { REPORT_FIXTURE } from '../src/reports/report-fixture';
import { BAR_COLOR, HIGHLIGHT_COLOR, renderReportHtml } from '../src/reports/report-html';

// The HTML report as a reader sees it: Debian's headless Chromium renders the fixture and the
// screenshot must show the charts' bars (both colours) on a page that is not blank. Chromium and
// the CJK fonts come from tools/infra/install.sh; if they are missing this fails, it never skips.

const ROOT = resolve(__dirname, '../../..');
const WIDTH = 1280;
const HEIGHT = 2400;

function onPath(binary: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, binary);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

const hex = (color: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as [number, number, number];

/** Pixels within a small tolerance of `color` (antialiasing aside, bar interiors are exact). */
function pixelsOf(png: PNG, color: string, tolerance = 3): number {
  const [r, g, b] = hex(color);
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs((png.data[i] ?? 0) - r) <= tolerance && Math.abs((png.data[i + 1] ?? 0) - g) <= tolerance && Math.abs((png.data[i + 2] ?? 0) - b) <= tolerance) n++;
  }
  return n;
}

describe('HTML report in headless Chromium', () => {
  let dir: string;
  let png: PNG;

  beforeAll(() => {
    const chromium = onPath('chromium');
    if (!chromium) throw new Error('chromium is not on PATH: install the Debian packages chromium and fonts-noto-cjk (bash tools/infra/install.sh)');
    dir = mkdtempSync(join(tmpdir(), 'report-screenshot-'));
    const html = join(dir, 'report.html');
    const shot = join(dir, 'report.png');
    writeFileSync(html, renderReportHtml(REPORT_FIXTURE));
    execFileSync(
      chromium,
      [
        '--headless',
        // Root (CI containers) cannot use the sandbox; the page is our own, script-free file.
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--hide-scrollbars',
        // Exact sRGB and 1:1 pixels, so the bar colours come out as written.
        '--force-color-profile=srgb',
        '--force-device-scale-factor=1',
        `--user-data-dir=${join(dir, 'profile')}`,
        `--window-size=${WIDTH},${HEIGHT}`,
        `--screenshot=${shot}`,
        pathToFileURL(html).href,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 },
    );
    if (!existsSync(shot)) throw new Error(`chromium wrote no screenshot to ${shot}`);
    mkdirSync(join(ROOT, '.run'), { recursive: true });
    copyFileSync(shot, join(ROOT, '.run', 'report-screenshot.png'));
    png = PNG.sync.read(readFileSync(shot));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has CJK fonts installed, so Chinese is not drawn as empty boxes', () => {
    const families = execFileSync('fc-list', [':lang=zh-cn', 'family'], { encoding: 'utf8' });
    expect(families).toMatch(/Noto Sans CJK SC/);
  });

  it('is a full-size page that is not blank', () => {
    expect([png.width, png.height]).toEqual([WIDTH, HEIGHT]);
    const white = pixelsOf(png, '#ffffff', 0);
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4 * 7) colours.add(((png.data[i] ?? 0) << 16) | ((png.data[i + 1] ?? 0) << 8) | (png.data[i + 2] ?? 0));
    // Text, tables and charts: many colours, and plenty that is not the white page.
    expect(colours.size).toBeGreaterThan(200);
    expect(WIDTH * HEIGHT - white).toBeGreaterThan(WIDTH * HEIGHT * 0.15);
  });

  it('shows the charts: many pixels of the bar colour and of the highlighted district', () => {
    // A bar is ~38 px wide and up to ~220 px tall on this page; the first charts are in view.
    expect(pixelsOf(png, BAR_COLOR)).toBeGreaterThan(30_000);
    expect(pixelsOf(png, HIGHLIGHT_COLOR)).toBeGreaterThan(3_000);
  });
});
