/**
 * Vikunja on PostgreSQL dies under bulk creates when its pool may open as many connections as PostgreSQL allows
 * (API.md §17.6). membank cannot prevent that, but the run must stop as "Vikunja unavailable" (exit 5), and once
 * the server is back (restarted with `database.maxopenconnections` below `max_connections`) the same migrate
 * resumes and finishes with no duplicate. Sandbox only: it needs the emulated pool.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../helpers/closers.js';
import { readBank } from '../../src/cli/read-bank.js';
import { applyPlan, createPlan } from '../../src/pipeline/workflows/index.js';
import { createDefaultConfig } from '../../src/core/config.js';
import { findMarker } from '../../src/core/mapping.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { makeDeps } from '../helpers/workflow.js';
import { clientBank } from '../helpers/corpus.js';

const closers = closeAfterEach();

describe('PostgreSQL pool death during a migrate (2.5, v2 bulk create)', () => {
  it('stops with exit 5; after the server is fixed and restarted, the re-run finishes with zero duplicates', async () => {
    expect(existsSync(clientBank)).toBe(true);
    const sandbox = await startSandbox({ version: '2.5.0', database: 'postgres', maxOpenConnections: 100, postgresMaxConnections: 100 });
    closers.push(() => sandbox.close());
    const statePath = join(mkdtempSync(join(tmpdir(), 'membank-pool-')), 'state.sqlite');
    const config = { vikunja: { ...createDefaultConfig().vikunja, retries: 2 } };
    const deps = makeDeps(sandbox.url, sandbox.token, { statePath, config });
    closers.push(() => deps.runtime.close());
    const bank = await readBank(clientBank, process.cwd(), createDefaultConfig());
    const plan = await createPlan(deps, { records: bank.records, root: bank.root, projectTitle: 'pool' });

    const failed = await applyPlan(deps, plan, { command: 'migrate', checkStale: false, verify: true }).catch((e: unknown) => e);
    expect(sandbox.isDead()).toBe(true);
    expect(failed).toMatchObject({ exitCode: 5 });
    expect((failed as Error).message).toMatch(/unavailable/i);

    deps.runtime.close();

    await sandbox.restart({ maxOpenConnections: 40 });
    // "Run membank again": a new process, with the same state store (the first one's circuit breaker stays open
    // for its 30 s, as it should after the server went away).
    const rerun = makeDeps(sandbox.url, sandbox.token, { statePath, config });
    closers.push(() => rerun.runtime.close());
    const again = await createPlan(rerun, { records: bank.records, root: bank.root, projectTitle: 'pool' });
    const outcome = await applyPlan(rerun, again, { command: 'migrate', checkStale: false, verify: true });
    expect(outcome.run.status).toBe('succeeded');
    expect(outcome.report.errors).toEqual([]);

    const projectId = outcome.report.project?.id ?? 0;
    const markers = sandbox.dump().tasks.filter((t) => t.project_id === projectId).map((t) => findMarker(t.description));
    expect(markers).toHaveLength(Object.keys(plan.desired).length);
    expect(new Set(markers).size).toBe(markers.length);
  }, 180_000);
});
