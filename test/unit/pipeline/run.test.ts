import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { RunLockedError, ServerUnavailableError } from '../../../src/core/errors.js';
import { silentLogger } from '../../../src/core/ports.js';
import { withRun } from '../../../src/pipeline/run.js';
import { openStore } from '../../../src/store/index.js';

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('withRun', () => {
  it('records a succeeded run and releases the lock', async () => {
    const store = openStore(':memory:');
    const { run, value } = await withRun(store, silentLogger, { command: 'migrate', options: {}, inputsHash: null }, async () => ({
      status: 'succeeded',
      summary: { applied: 3 },
      value: 42,
    }));
    expect(value).toBe(42);
    expect(store.runs.get(run.id)?.status).toBe('succeeded');
    expect(store.lock.holder()).toBeNull();
    store.close();
  });

  it('marks the run failed and releases the lock when the body throws', async () => {
    const store = openStore(':memory:');
    await expect(
      withRun(store, silentLogger, { command: 'migrate', options: {}, inputsHash: null }, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(store.runs.list()[0]?.status).toBe('failed');
    expect(store.runs.list()[0]?.error).toBe('boom');
    expect(store.lock.holder()).toBeNull();
    store.close();
  });

  it('marks the run interrupted (resumable), not failed, when the server went away, and lets the error through (exit 5)', async () => {
    const store = openStore(':memory:');
    const attempt = withRun(store, silentLogger, { command: 'migrate', options: {}, inputsHash: null }, async () => {
      throw new ServerUnavailableError('Vikunja at http://127.0.0.1:1 is unavailable');
    });
    await expect(attempt).rejects.toMatchObject({ exitCode: 5 });
    expect(store.runs.list()[0]?.status).toBe('interrupted');
    expect(store.lock.holder()).toBeNull();
    store.close();
  });

  it('refuses while a live process holds the lock (RunLockedError, exit 4)', async () => {
    const store = openStore(':memory:');
    store.lock.acquire(`${hostname()}:${process.pid}:other-run`, 60_000);
    const attempt = withRun(store, silentLogger, { command: 'migrate', options: {}, inputsHash: null }, async () => ({
      status: 'succeeded',
      summary: {},
      value: undefined,
    }));
    await expect(attempt).rejects.toBeInstanceOf(RunLockedError);
    await expect(attempt).rejects.toMatchObject({ exitCode: 4 });
    store.close();
  });

  it('takes over at once from a killed process on this host and marks its run interrupted', async () => {
    const store = openStore(':memory:');
    const crashed = store.runs.create({ command: 'migrate' });
    store.lock.acquire(`${hostname()}:${deadPid()}:${crashed.id}`, 60_000);
    const { run } = await withRun(store, silentLogger, { command: 'migrate', options: {}, inputsHash: null }, async () => ({
      status: 'succeeded',
      summary: {},
      value: undefined,
    }));
    expect(store.runs.get(run.id)?.status).toBe('succeeded');
    expect(store.runs.get(crashed.id)?.status).toBe('interrupted');
    store.close();
  });
});
