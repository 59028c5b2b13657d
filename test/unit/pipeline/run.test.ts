import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { RunLockedError, ServerUnavailableError } from '../../../src/core/errors.js';
import { silentLogger } from '../../../src/core/ports.js';
import { withRun } from '../../../src/pipeline/run.js';
import { openStore } from '../../../src/store/index.js';
import { createTempStores } from '../store/temp-store.js';

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

describe('withRun after the run lost its lock', () => {
  it('stops before the next write when another run took the lock over (RunLockedError, exit 4, run interrupted)', async () => {
    const stores = createTempStores();
    try {
      const store = stores.open();
      const otherProcess = stores.open();
      let wrote = 0;
      const attempt = withRun(store, silentLogger, { command: 'migrate', options: {}, inputsHash: null }, async (run) => {
        const first = store.journal.appendPending({ runId: run.id, opId: 'op-1', job: 'import', kind: 'create', target: 't1', preImage: null });
        store.journal.markApplied(first, { remoteId: '1' });
        wrote += 1;
        // Another run (another connection) takes the lock over while this run is still working.
        otherProcess.lock.forceRelease();
        otherProcess.lock.acquire('elsewhere:1:other-run', 60_000);
        store.journal.appendPending({ runId: run.id, opId: 'op-2', job: 'import', kind: 'create', target: 't2', preImage: null });
        wrote += 1;
        return { status: 'succeeded', summary: {}, value: undefined };
      });
      await expect(attempt).rejects.toBeInstanceOf(RunLockedError);
      await expect(attempt).rejects.toMatchObject({ exitCode: 4, message: expect.stringContaining('lost the lock') });
      expect(wrote).toBe(1);
      const run = store.runs.list()[0];
      expect(run?.status).toBe('interrupted');
      // op-1's pending and applied rows; nothing for op-2.
      expect(store.journal.entries(run?.id ?? '').map((entry) => `${entry.opId}:${entry.status}`)).toEqual(['op-1:pending', 'op-1:applied']);
      expect(store.journal.pendingEntries()).toEqual([]);
      // The other run's lock is left alone.
      expect(store.lock.holder()?.owner).toBe('elsewhere:1:other-run');
    } finally {
      stores.cleanup();
    }
  });

  it('stops before the next write when a heartbeat could not be written, even though the lock row still names it', async () => {
    const stores = createTempStores();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const store = stores.open({ busyTimeoutMs: 1 });
      const attempt = withRun(store, silentLogger, { command: 'migrate', options: {}, inputsHash: null }, async (run) => {
        // Another process holds a write transaction when the heartbeat comes: the heartbeat write fails (busy).
        const other = new Database(stores.file);
        other.exec('BEGIN IMMEDIATE');
        vi.advanceTimersByTime(10_000);
        other.exec('COMMIT');
        other.close();
        expect(store.lock.holder()?.owner.endsWith(run.id)).toBe(true);
        store.journal.appendPending({ runId: run.id, opId: 'op-1', job: 'import', kind: 'create', target: 't1', preImage: null });
        return { status: 'succeeded', summary: {}, value: undefined };
      });
      await expect(attempt).rejects.toMatchObject({ exitCode: 4, message: expect.stringContaining('heartbeat') });
      expect(store.runs.list()[0]?.status).toBe('interrupted');
      expect(store.journal.pendingEntries()).toEqual([]);
      expect(store.lock.holder()).toBeNull();
    } finally {
      vi.useRealTimers();
      stores.cleanup();
    }
  });
});
