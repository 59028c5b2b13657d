/**
 * The HTML review page in a real browser: headless Chromium (Debian's package, driven by playwright-core) opens the
 * page `membank plan --html` wrote for the client's bank (planned against the sandbox) from file://.
 * Without the browser the browser test is skipped with a message outside CI, and fails in CI (`.ci/run` installs it).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientBank, hasClientBank } from '../../helpers/corpus.js';
import { chromiumPath, hasChromium, launchChromium, measureLoadMs, type PlanPageFixture, writeClientPlanPage } from './browser.js';

const inCi = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';
const runBrowser = hasChromium || inCi;
if (!hasChromium && !inCi) console.warn(`chromium not found at ${chromiumPath}: the HTML page browser test is skipped (apt-get install chromium; CI fails instead)`);
if (!hasClientBank) console.warn(`corpus not found at ${clientBank}: the HTML page tests are skipped`);

/** Screenshots and other artifacts of this test (outside the repository). */
const artifacts = join(tmpdir(), 'membank-artifacts');

let dir: string;
let fixture: PlanPageFixture | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!hasClientBank) return;
  dir = mkdtempSync(join(tmpdir(), 'membank-html-'));
  fixture = await writeClientPlanPage(dir);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.sandbox.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

function planFixture(): PlanPageFixture {
  if (fixture === undefined) throw new Error('the plan page was not written');
  return fixture;
}

describe.skipIf(!hasClientBank)('the plan page of the client bank', () => {
  it('holds no token and no http(s) URL but the user\'s own Vikunja', () => {
    const { htmlPath, sandbox, plan } = planFixture();
    const html = readFileSync(htmlPath, 'utf8');
    // 248 tasks of the client's Markdown and 28 of its project queue (strategies/PROJECT-QUEUE.yaml).
    expect(plan.summary.byKind.create).toBe(276);
    expect(html).not.toContain(sandbox.token);
    const urls = [...html.matchAll(/https?:\/\/[^\s"'<>)]*/gi)].map((match) => match[0]);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.startsWith(sandbox.url), url).toBe(true);
    // Nothing on the page loads from anywhere: no external resource tags at all.
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b|\bsrc=/i);
  });

  it.skipIf(!runBrowser)(
    'loads in Chromium with no console error, one row per op; filter, sort, keys and theme work; phone width fits',
    async () => {
      const { htmlPath, plan } = planFixture();
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      const url = pathToFileURL(htmlPath).href;
      await page.goto(url, { waitUntil: 'load' });
      const loadMs = await measureLoadMs(page);
      console.log(`plan page (${plan.ops.length} ops, ${plan.summary.byKind.create} creates, ${statSync(htmlPath).size} bytes) loaded in ${loadMs.toFixed(0)} ms (Performance API, navigation start → load end)`);

      const rows = page.locator('#ops tbody tr');
      const visible = page.locator('#ops tbody tr:visible');
      expect(await rows.count()).toBe(plan.ops.length);
      await expect.poll(() => page.locator('#count').textContent()).toBe(`${plan.ops.length} of ${plan.ops.length} rows`);

      // `/` focuses the filter; typing narrows the rows to those that mention the text.
      const create = plan.ops.find((op) => op.kind === 'create');
      if (create === undefined || create.kind !== 'create') throw new Error('the plan has no create');
      const title = create.desired.fields.title;
      await page.keyboard.press('/');
      expect(await page.evaluate<string>('document.activeElement.id')).toBe('filter-text');
      await page.keyboard.type(title);
      const narrowed = await visible.count();
      expect(narrowed).toBeGreaterThan(0);
      expect(narrowed).toBeLessThan(plan.ops.length);
      for (const text of await visible.allTextContents()) expect(text.toLowerCase()).toContain(title.toLowerCase());
      await page.keyboard.press('Escape');
      expect(await visible.count()).toBe(plan.ops.length);

      // The kind filter shows exactly that kind's ops.
      await page.selectOption('#filter-kind', 'create');
      expect(await visible.count()).toBe(276);
      await page.selectOption('#filter-kind', '');

      // Headers sort with Enter: by source, then back to plan order.
      const kindHeader = page.locator('#ops th[data-sort="kind"]');
      await kindHeader.focus();
      await page.keyboard.press('Enter');
      expect(await kindHeader.getAttribute('aria-sort')).toBe('ascending');
      const kinds = await page.locator('#ops tbody tr').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-kind') ?? ''));
      expect(kinds).toEqual([...kinds].sort());
      await page.keyboard.press('Enter');
      expect(await kindHeader.getAttribute('aria-sort')).toBe('descending');

      // j/k move the current row.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      await page.keyboard.press('k');
      expect(await page.locator('#ops tbody tr.current').count()).toBe(1);
      expect(await page.locator('#ops tbody tr.current').getAttribute('data-index')).toBe(await visible.first().getAttribute('data-index'));

      // The theme toggle switches the colours.
      const background = (): Promise<string> => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      const before = await background();
      await page.click('#theme');
      const theme = await page.evaluate<string | undefined>('document.documentElement.dataset.theme');
      expect(['light', 'dark']).toContain(theme);
      expect(await background()).not.toBe(before);
      await page.click('#theme');
      expect(await background()).toBe(before);

      mkdirSync(artifacts, { recursive: true });
      const screenshot = join(artifacts, 'plan-page-1280x800.png');
      await page.screenshot({ path: screenshot });
      expect(readFileSync(screenshot).subarray(1, 4).toString('latin1')).toBe('PNG');

      // A phone: nothing wider than the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      await page.screenshot({ path: join(artifacts, 'plan-page-390x844.png') });
      console.log(`screenshots in ${artifacts}`);

      expect(problems).toEqual([]);
      expect(requested.filter((request) => !request.startsWith('file:') && !request.startsWith('data:'))).toEqual([]);
    },
    120_000,
  );
});
