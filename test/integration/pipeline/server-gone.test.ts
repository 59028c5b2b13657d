/**
 * The server goes away in the middle of a migrate (a TCP proxy in front of the sandbox is cut, so every
 * connection is reset): the run ends with exit 5 and is recorded as interrupted; once the server is
 * back, the re-run resumes and finishes with no duplicate.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { findMarker } from '../../../src/core/mapping.js';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index.js';
import { openStore } from '../../../src/store/index.js';
import { runCli } from '../../helpers/cli.js';
import { startCuttableProxy } from '../../helpers/proxy.js';
import { clientBank, hasClientBank as hasCorpus } from '../../helpers/corpus.js';

const closers = closeAfterEach();

function writesIn(sandbox: SandboxHandle): number {
  return sandbox.requestLog().filter((entry) => entry.method !== 'GET').length;
}

describe.each(['0.24.1', '2.5.0'])('server going away mid-run on Vikunja %s', (version) => {
  it.skipIf(!hasCorpus)('exits 5 with the run interrupted, and the re-run resumes with no duplicate', async () => {
    const sandbox = await startSandbox({ version, latencyMs: 2 });
    closers.push(() => sandbox.close());
    const proxy = await startCuttableProxy(Number(new URL(sandbox.url).port));
    closers.push(() => proxy.close());
    const dir = mkdtempSync(join(tmpdir(), 'membank-gone-'));
    const state = join(dir, 'state.sqlite');
    // Small bulk batches on 2.5 so that the server can go away between them.
    writeFileSync(join(dir, 'membank.config.json'), JSON.stringify({ vikunja: { retries: 2, retryBaseMs: 10, bulkCreateSize: 20 } }));
    const env = { VIKUNJA_URL: proxy.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: state };
    const argv = ['migrate', clientBank, '--project', 'gone', '--config', join(dir, 'membank.config.json'), '--json'];

    const running = runCli(argv, { env, cwd: dir });
    // Stop among the creates: after the project, its labels and a few creates (single on 0.24.1, batches on 2.5).
    const stopAfter = version === '2.5.0' ? 18 : 40;
    while (writesIn(sandbox) < stopAfter) await new Promise((resolve) => setTimeout(resolve, 2));
    proxy.cut();
    const stopped = await running;
    expect(stopped.code, stopped.stderr).toBe(5);
    expect(stopped.stderr).toContain('re-run to resume');
    const store = openStore(state);
    const interrupted = store.runs.list({ command: 'migrate' })[0];
    store.close();
    expect(interrupted?.status).toBe('interrupted');
    const project = sandbox.dump().projects.find((candidate) => candidate.title === 'gone');
    const createdBefore = sandbox.dump().tasks.filter((task) => task.project_id === project?.id).length;

    proxy.restore();
    const resumed = await runCli(argv, { env, cwd: dir });
    expect(resumed.code, resumed.stderr).toBe(0);
    const report = JSON.parse(resumed.stdout) as { verify: { ok: boolean; checked: number } };
    expect(report.verify.ok).toBe(true);
    const tasks = sandbox.dump().tasks.filter((task) => task.project_id === project?.id);
    expect(createdBefore).toBeLessThan(tasks.length);
    const markers = tasks.map((task) => findMarker(task.description));
    expect(new Set(markers).size).toBe(tasks.length);
    expect(tasks.length).toBe(report.verify.checked);
    const after = openStore(state);
    expect(after.journal.pendingEntries()).toEqual([]);
    after.close();
  }, 120_000);
});
