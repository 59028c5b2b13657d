/**
 * bench/html-page: how fast the HTML review page of the client's bank (240 creates) loads in headless Chromium —
 * `membank plan --html` against the sandbox, then the page opened from file:// `--runs` times in one browser; the
 * Performance API's navigation timing (start → DOM interactive, → load event end). The load average is printed
 * beside it: on a shared machine it explains most of the spread. `--screenshot PATH` also saves a 1280×800
 * screenshot of the page (the README's docs/plan-page.png is made this way).
 *
 *   npx tsx bench/html-page.ts [--runs 7] [--screenshot docs/plan-page.png]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium, measureLoadMs, writeClientPlanPage } from '../test/integration/report/browser.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '7' }, screenshot: { type: 'string' } } });
const runs = Math.max(1, Number(args.runs));
const dir = mkdtempSync(join(tmpdir(), 'membank-bench-html-'));
const fixture = await writeClientPlanPage(dir);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const url = pathToFileURL(fixture.htmlPath).href;
  const loads: number[] = [];
  const interactive: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    await page.goto(url, { waitUntil: 'load' });
    loads.push(await measureLoadMs(page));
    interactive.push(await page.evaluate<number>("performance.getEntriesByType('navigation')[0].domInteractive"));
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const rows = await page.locator('#ops tbody tr').count();
  console.log(`plan page: ${fixture.plan.ops.length} ops (${fixture.plan.summary.byKind.create} creates), ${rows} rows, ${statSync(fixture.htmlPath).size} bytes`);
  console.log(`load (navigation start → load end): median ${median(loads).toFixed(0)} ms, min ${Math.min(...loads).toFixed(0)}, max ${Math.max(...loads).toFixed(0)} over ${runs} loads`);
  console.log(`DOM interactive: median ${median(interactive).toFixed(0)} ms`);
  console.log(`load average: ${loadavg().map((n) => n.toFixed(2)).join(' ')} (${cpus().length} cores)`);
  if (args.screenshot !== undefined) {
    const path = resolve(args.screenshot);
    await page.goto(url, { waitUntil: 'load' });
    await page.screenshot({ path });
    console.log(`screenshot: ${path} (${statSync(path).size} bytes)`);
  }
} finally {
  await browser.close();
  await fixture.sandbox.close();
  rmSync(dir, { recursive: true, force: true });
}
