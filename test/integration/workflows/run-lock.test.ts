/**
 * `membank migrate` takes the run lock before it plans: a run that finds the lock held by a live run stops at
 * once, shows no plan (it would be computed against a half-applied state) and recommends only what exists.
 */
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { openStore } from '../../../src/store/index.js';
import { runCli } from '../../helpers/cli.js';
import { setupWorkflow, writeRequests } from './fixtures.js';

const closers = closeAfterEach();

describe('membank migrate under a held run lock', () => {
  it('exits 4 before planning, prints no plan, and recommends no flag that does not exist', async () => {
    const { sandbox, env, dir, bank, state } = await setupWorkflow(closers);
    const store = openStore(state);
    closers.push(() => store.close());
    // Held by a live process of this machine (this test's own), with a fresh heartbeat.
    store.lock.acquire(`${hostname()}:${process.pid}:another-run`, 60_000);
    sandbox.clearRequestLog();

    const locked = await runCli(['migrate', bank], { env, cwd: dir });
    expect(locked.code).toBe(4);
    expect(locked.stderr).toContain('another membank run holds the lock');
    expect(locked.stderr + locked.stdout).not.toContain('Plan for project');
    expect(locked.stderr).not.toMatch(/--[a-z-]+/);
    // Planning reads Vikunja; a locked run reads nothing.
    expect(sandbox.requestLog()).toEqual([]);
    expect(writeRequests(sandbox)).toEqual([]);

    store.lock.release(`${hostname()}:${process.pid}:another-run`);
    const free = await runCli(['migrate', bank, '--json'], { env, cwd: dir });
    expect(free.code, free.stderr + free.stdout).toBe(0);
  });

  it('rollback stops (exit 4) before reading anything while another live run holds the lock', async () => {
    const { sandbox, env, dir, bank, state } = await setupWorkflow(closers);
    const migrated = await runCli(['migrate', bank, '--json'], { env, cwd: dir });
    expect(migrated.code, migrated.stderr + migrated.stdout).toBe(0);
    const runId = (JSON.parse(migrated.stdout) as { runId: string }).runId;
    const store = openStore(state);
    closers.push(() => store.close());
    const owner = `${hostname()}:${process.pid}:another-run`;
    store.lock.acquire(owner, 60_000);
    sandbox.clearRequestLog();

    const locked = await runCli(['rollback', runId], { env, cwd: dir });
    expect(locked.code).toBe(4);
    expect(locked.stderr).toContain('another membank run holds the lock');
    expect(sandbox.requestLog()).toEqual([]);
    expect(store.lock.holder()?.owner).toBe(owner);

    store.lock.release(owner);
    const free = await runCli(['rollback', runId, '--json'], { env, cwd: dir });
    expect(free.code, free.stderr + free.stdout).toBe(0);
  });
});
