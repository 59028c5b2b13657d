/**
 * Shared by the browser test and `bench/html-page.ts`: headless Chromium (Debian's `chromium` driven by
 * playwright-core) and the review page of a real plan — the client's bank planned against the sandbox.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Plan } from '../../../src/core/plan.js';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index.js';
import { runCli } from '../../helpers/cli.js';
import { clientBank } from '../../helpers/corpus.js';

/** Where Debian's `chromium` package installs the browser (`.ci/run` installs it when missing). */
export const chromiumPath = '/usr/bin/chromium';

/** Whether the browser is installed. */
export const hasChromium = existsSync(chromiumPath);

/** Launches headless Chromium with everything that would reach the network turned off. */
export async function launchChromium(): Promise<Browser> {
  if (!hasChromium) {
    throw new Error(`chromium is not installed at ${chromiumPath}; install Debian's chromium package (apt-get install -y chromium), as .ci/run does`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A plan page written from the client's bank, and the sandbox it was planned against (close it when done). */
export interface PlanPageFixture {
  sandbox: SandboxHandle;
  htmlPath: string;
  plan: Plan;
}

/** Plans the client's bank against a fresh sandbox with `membank plan --out --html` and returns both files. */
export async function writeClientPlanPage(dir: string): Promise<PlanPageFixture> {
  const sandbox = await startSandbox({ port: 0 });
  const env = { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: join(dir, 'state.sqlite') };
  const result = await runCli(['plan', clientBank, '--out', 'plan.json', '--html', 'plan.html'], { env, cwd: dir });
  if (result.code !== 0) {
    await sandbox.close();
    throw new Error(`membank plan exited ${result.code}: ${result.stderr}`);
  }
  const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as Plan;
  return { sandbox, htmlPath: join(dir, 'plan.html'), plan };
}

/** The page's load time from the Performance API: navigation start → load event end, in ms. */
export async function measureLoadMs(page: Page): Promise<number> {
  // Evaluated in the page (a string: the project's TypeScript has no DOM types).
  const ms = await page.evaluate<number>(
    "(() => { const [entry] = performance.getEntriesByType('navigation'); if (!entry) throw new Error('no navigation timing entry'); return entry.loadEventEnd - entry.startTime; })()",
  );
  return ms;
}
