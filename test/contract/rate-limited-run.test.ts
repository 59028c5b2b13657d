/**
 * A migrate and a rollback of the client's bank (../shared corpus, 240 tasks) against the sandbox's real-style
 * rate limiter (API.md §17.9: three budgets, reset rounded down), on 2.5 and on the client's 0.24.1. The limit is
 * scaled down from Vikunja's 100/60 s so the run meets many window boundaries in a short time. The request log
 * must show no request sent into an exhausted window (no 429 at all, so no burst), and the run must succeed.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../helpers/closers.js';
import { readBank } from '../../src/cli/read-bank.js';
import { applyPlan, createPlan, rollbackRun } from '../../src/pipeline/workflows/index.js';
import { createDefaultConfig } from '../../src/core/config.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { makeDeps } from '../helpers/workflow.js';
import { clientBank } from '../helpers/corpus.js';

const closers = closeAfterEach();

describe.each(['2.5.0', '0.24.1'])('rate-limited run on Vikunja %s', (version) => {
  it('migrates and rolls back the client bank without one request into an exhausted window', async () => {
    expect(existsSync(clientBank)).toBe(true);
    const sandbox = await startSandbox({ version, rateLimit: { limit: 80, periodSeconds: 1 } });
    closers.push(() => sandbox.close());
    const deps = makeDeps(sandbox.url, sandbox.token);
    closers.push(() => deps.runtime.close());
    const bank = await readBank(clientBank, process.cwd(), createDefaultConfig());
    const plan = await createPlan(deps, { records: bank.records, root: bank.root, projectTitle: 'paced' });
    const outcome = await applyPlan(deps, plan, { command: 'migrate', checkStale: false, verify: true });
    expect(outcome.report.errors).toEqual([]);
    expect(outcome.run.status).toBe('succeeded');
    const undo = await rollbackRun(deps, outcome.run.id, { force: false, dryRun: false });
    expect(undo.failures).toEqual([]);

    const log = sandbox.requestLog();
    // The run needed several windows' worth of requests, so it crossed window boundaries…
    expect(log.filter((e) => e.path.startsWith('/api/v1/')).length).toBeGreaterThan(3 * 80);
    // …and never sent a request into a spent window: not one 429, in any bucket.
    expect(log.filter((e) => e.status === 429)).toEqual([]);
    // (The previous client, whose waits ended 50 ms after the rounded-down reset and whose 429 retries skipped
    // the backoff, sent 41 requests into spent windows on this test.)
  }, 180_000);
});
