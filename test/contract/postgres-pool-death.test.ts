/**
 * Vikunja on PostgreSQL dies under bulk creates when its pool may open as many connections as PostgreSQL allows
 * (API.md §17.6). membank cannot prevent that, but the run must stop as "Vikunja unavailable" (exit 5), and once
 * the server is back (restarted with `database.maxopenconnections` below `max_connections`) the same migrate
 * resumes and finishes with no duplicate. Sandbox only: it needs the emulated pool.
 */
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readBank } from '../../src/cli/read-bank.js';
import { applyPlan, createPlan } from '../../src/cli/workflows.js';
import { createDefaultConfig } from '../../src/core/config.js';
import { findMarker } from '../../src/core/mapping.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { makeDeps } from '../helpers/workflow.js';
import { clientBank } from '../helpers/corpus.js';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('PostgreSQL pool death during a migrate (2.5, v2 bulk create)', () => {
  it('stops with exit 5; after the server is fixed and restarted, the re-run finishes with zero duplicates', async () => {
    expect(existsSync(clientBank)).toBe(true);
    const sandbox = await startSandbox({ version: '2.5.0', database: 'postgres', maxOpenConnections: 100, postgresMaxConnections: 100 });
    closers.push(() => sandbox.close());
    const deps = makeDeps(sandbox.url, sandbox.token, { config: { vikunja: { ...createDefaultConfig().vikunja, retries: 2 } } });
    closers.push(() => deps.runtime.close());
    const bank = await readBank(clientBank, process.cwd(), createDefaultConfig());
    const plan = await createPlan(deps, { records: bank.records, root: bank.root, projectTitle: 'pool' });

    const failed = await applyPlan(deps, plan, { command: 'migrate', checkStale: false, verify: true }).catch((e: unknown) => e);
    expect(sandbox.isDead()).toBe(true);
    expect(failed).toMatchObject({ exitCode: 5 });
    expect((failed as Error).message).toMatch(/unavailable/i);

    await sandbox.restart({ maxOpenConnections: 40 });
    const again = await createPlan(deps, { records: bank.records, root: bank.root, projectTitle: 'pool' });
    const outcome = await applyPlan(deps, again, { command: 'migrate', checkStale: false, verify: true });
    expect(outcome.run.status).toBe('succeeded');
    expect(outcome.report.errors).toEqual([]);

    const projectId = outcome.report.project?.id ?? 0;
    const markers = sandbox.dump().tasks.filter((t) => t.project_id === projectId).map((t) => findMarker(t.description));
    expect(markers).toHaveLength(Object.keys(plan.desired).length);
    expect(new Set(markers).size).toBe(markers.length);
  }, 180_000);
});
