import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunLockedError } from '../../../src/core/errors.js';
import { openStore } from '../../../src/store/index.js';

const childScript = fileURLToPath(new URL('./fixtures/store-child.ts', import.meta.url));

function startChild(...args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', childScript, ...args], { stdio: 'pipe' });
}

function waitForLine(child: ChildProcessWithoutNullStreams, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.split('\n').includes(line)) resolve();
    });
    child.on('exit', (code, signal) => {
      if (!out.split('\n').includes(line)) reject(new Error(`child exited (${code ?? signal}) before "${line}": ${err}`));
    });
  });
}

function waitForExit(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

let dir: string;
let file: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'membank-store-mp-'));
  file = join(dir, 'snapshots', 'membank.sqlite');
});
afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) child.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('state store across processes', () => {
  it('keeps committed journal rows and the lock when a process is killed mid-run', async () => {
    const child = startChild('crash', file, 'run-crashed');
    children.push(child);
    const exited = waitForExit(child);
    await waitForLine(child, 'about to crash');
    expect((await exited).signal).toBe('SIGKILL');

    const store = openStore(file);
    try {
      const pending = store.journal.pendingEntries();
      expect(pending).toHaveLength(1);
      expect(pending[0]).toMatchObject({
        runId: 'run-crashed',
        opId: 'update:tasks/b.md#PM-002',
        status: 'pending',
        preImage: { id: 102, title: 'before the crash' },
      });
      expect(store.journal.appliedEntries('run-crashed').map((e) => e.remoteId)).toEqual(['101']);
      expect(store.journal.verifyChain()).toMatchObject({ ok: true, rows: 3 });
      expect(store.runs.get('run-crashed')?.status).toBe('running');
      expect(() => store.lock.acquire('next-run', 60_000)).toThrow(/crasher:/);
      expect(store.lock.forceRelease()?.owner).toMatch(/^crasher:/);
      expect(store.runs.markInterrupted('run-crashed', 'process died').status).toBe('interrupted');
      expect(store.lock.acquire('next-run', 60_000).takeover).toBeNull();
    } finally {
      store.close();
    }
  });

  it('makes a second process wait for the lock, naming the holder', async () => {
    const child = startChild('hold-lock', file, 'cron-host:4242');
    children.push(child);
    await waitForLine(child, 'locked');

    const store = openStore(file);
    try {
      let error: unknown;
      try {
        store.lock.acquire('manual-run', 60_000);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(RunLockedError);
      expect((error as Error).message).toContain('"cron-host:4242"');
      expect((error as Error).message).toContain('takes the lock over by itself');

      const released = waitForLine(child, 'released');
      child.stdin.write('release\n');
      await released;
      expect(store.lock.acquire('manual-run', 60_000)).toMatchObject({ owner: 'manual-run', takeover: null });
    } finally {
      store.close();
    }
  });

  it('keeps one valid chain when two processes open a fresh file and append at once', async () => {
    const count = 150;
    const a = startChild('append', file, 'run-a', String(count));
    const b = startChild('append', file, 'run-b', String(count));
    children.push(a, b);
    const [doneA, doneB] = [waitForLine(a, 'appended'), waitForLine(b, 'appended')];
    await Promise.all([doneA, doneB]);

    const store = openStore(file);
    try {
      expect(store.journal.verifyChain()).toMatchObject({ ok: true, rows: count * 4 });
      expect(store.journal.appliedEntries('run-a')).toHaveLength(count);
      expect(store.journal.appliedEntries('run-b')).toHaveLength(count);
      expect(store.journal.pendingEntries()).toEqual([]);
    } finally {
      store.close();
    }
  });
});
