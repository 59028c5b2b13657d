/**
 * Crash safety: the CLI process is killed (SIGKILL) at random points during a 500-task import, then re-run;
 * Vikunja must end with exactly the expected tasks — no duplicate, none missing — and a consistent journal.
 * The kill test runs with serial writes (SQLite server) and with parallel writes (PostgreSQL server).
 * The same with lost responses ("commit, then drop") and with 20% 5xx + 429 bursts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { findMarker } from '../../../src/core/mapping.js';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index.js';
import { openStore } from '../../../src/store/index.js';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const taskCount = 500;

const closers = closeAfterEach();

/** A memory bank whose task table holds `count` rows. */
function writeBank(count: number): string {
  const repo = mkdtempSync(join(tmpdir(), 'membank-crash-'));
  const bank = join(repo, 'memory-bank', 'tasks');
  mkdirSync(bank, { recursive: true });
  const statuses = ['✅ Done', '⏳ Pending', '🔄 In Progress', '🔮 Planned'];
  const rows = Array.from({ length: count }, (_, index) => {
    const id = `CR-${String(index + 1).padStart(3, '0')}`;
    return `| ${id} | Crash-test task number ${index + 1} | owner${index % 7} | P${index % 4} | ${statuses[index % 4]} |`;
  });
  writeFileSync(
    join(bank, 'sprint.md'),
    ['# Sprint backlog', '', '| ID | Task | Owner | Priority | Status |', '|---|---|---|---|---|', ...rows, ''].join('\n'),
  );
  // Short backoff keeps the fault runs quick; the policy (what is retried) is the same as with the default.
  writeFileSync(join(repo, 'membank.config.json'), JSON.stringify({ vikunja: { retryBaseMs: 20 } }));
  return repo;
}

function spawnMigrate(repo: string, sandbox: SandboxHandle, statePath: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/bin.ts',
      'migrate',
      repo,
      '--url',
      sandbox.url,
      '--state',
      statePath,
      '--project',
      'crash',
      '--config',
      join(repo, 'membank.config.json'),
      '--json',
    ],
    { cwd: projectRoot, env: { ...process.env, VIKUNJA_TOKEN: sandbox.token, MEMBANK_LOG_LEVEL: 'silent' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

function waitExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function writesSoFar(sandbox: SandboxHandle): number {
  return sandbox.requestLog().filter((entry) => entry.method !== 'GET').length;
}

/** Runs the CLI until it exits 0 (at most `tries` times), returning the exit codes seen. */
async function runToCompletion(repo: string, sandbox: SandboxHandle, statePath: string, tries: number): Promise<number[]> {
  const codes: number[] = [];
  for (let attempt = 0; attempt < tries; attempt += 1) {
    const child = spawnMigrate(repo, sandbox, statePath);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await waitExit(child);
    codes.push(code ?? -1);
    if (code === 0) return codes;
    if (attempt === tries - 1) throw new Error(`migrate kept failing (codes ${codes.join(',')}): ${stderr.slice(-2000)}`);
  }
  return codes;
}

function assertExactlyExpected(sandbox: SandboxHandle, statePath: string): void {
  const dump = sandbox.dump();
  const project = dump.projects.find((candidate) => candidate.title === 'crash');
  expect(project).toBeDefined();
  const tasks = dump.tasks.filter((task) => task.project_id === project?.id);
  const titles = tasks.map((task) => task.title).sort();
  const expected = Array.from({ length: taskCount }, (_, index) => `CR-${String(index + 1).padStart(3, '0')}`);
  // No duplicate, none missing: every id exactly once.
  const ids = titles.map((title) => /CR-\d{3}/.exec(title)?.[0]);
  expect(ids.filter((id) => id === undefined)).toEqual([]);
  expect([...ids].sort()).toEqual(expected);
  const markers = tasks.map((task) => findMarker(task.description));
  expect(new Set(markers).size).toBe(taskCount);
  // Labels are looked up or created once, never duplicated.
  const labelTitles = dump.labels.map((label) => label.title);
  expect(labelTitles.length).toBe(new Set(labelTitles).size);
  const store = openStore(statePath);
  try {
    expect(store.journal.pendingEntries()).toEqual([]);
    expect(store.journal.verifyChain().ok).toBe(true);
    const lastRun = store.runs.list({ limit: 1 })[0];
    expect(lastRun?.status).toBe('succeeded');
  } finally {
    store.close();
  }
}

describe('crash safety of a 500-task import', () => {
  it.each([
    ['SQLite, writes one at a time', { version: '2.3.0', database: 'sqlite' }],
    // 2.4 reports concurrent_writes: up to vikunja.concurrency writes in flight, killed mid-window.
    ['PostgreSQL, writes in parallel', { version: '2.4.0', database: 'postgres' }],
  ] as const)('survives SIGKILL at 20+ random points (%s): exactly the expected tasks, journal consistent', async (_name, server) => {
    // The v1 path (one create per task) gives the most individual writes to be killed in the middle of.
    const sandbox = await startSandbox({ ...server, latencyMs: 3 });
    closers.push(() => sandbox.close());
    const repo = writeBank(taskCount);
    const statePath = join(mkdtempSync(join(tmpdir(), 'membank-crash-state-')), 'state.sqlite');
    let seed = 20261121;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let kills = 0;
    let attempts = 0;
    while (kills < 20 && attempts < 80) {
      attempts += 1;
      const before = writesSoFar(sandbox);
      const child = spawnMigrate(repo, sandbox, statePath);
      const exited = waitExit(child);
      // Wait for the first write of this attempt, then kill at a random point after it.
      const deadline = Date.now() + 20_000;
      while (writesSoFar(sandbox) === before && child.exitCode === null && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 250)));
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await exited;
        if (writesSoFar(sandbox) > before) kills += 1;
      } else {
        await exited;
        if (child.exitCode === 0) break;
      }
    }
    expect(kills).toBeGreaterThanOrEqual(20);
    await runToCompletion(repo, sandbox, statePath, 3);
    assertExactlyExpected(sandbox, statePath);
    // And a further run changes nothing.
    const writes = writesSoFar(sandbox);
    await runToCompletion(repo, sandbox, statePath, 1);
    expect(writesSoFar(sandbox)).toBe(writes);
  }, 1_500_000);

  it('reconciles writes whose response was lost after the commit (commit, then drop)', async () => {
    const sandbox = await startSandbox({ faults: { commitThenDrop: 0.1, applyTo: 'writes', seed: 7 } });
    closers.push(() => sandbox.close());
    const repo = writeBank(taskCount);
    const statePath = join(mkdtempSync(join(tmpdir(), 'membank-drop-state-')), 'state.sqlite');
    await runToCompletion(repo, sandbox, statePath, 6);
    expect(sandbox.requestLog().some((entry) => entry.fault === 'commitThenDrop' || entry.status === 0)).toBe(true);
    sandbox.setFaults(undefined);
    assertExactlyExpected(sandbox, statePath);
  }, 600_000);

  it('completes under 20% 5xx and 429 bursts with exactly the expected tasks', async () => {
    const sandbox = await startSandbox({
      faults: { error500: 0.1, error502: 0.05, error503: 0.05, rateLimitBurst: 0.03, burstLength: 3, seed: 11 },
    });
    closers.push(() => sandbox.close());
    const repo = writeBank(taskCount);
    const statePath = join(mkdtempSync(join(tmpdir(), 'membank-5xx-state-')), 'state.sqlite');
    await runToCompletion(repo, sandbox, statePath, 6);
    expect(sandbox.requestLog().filter((entry) => entry.status >= 500).length).toBeGreaterThan(20);
    expect(sandbox.requestLog().some((entry) => entry.status === 429)).toBe(true);
    sandbox.setFaults(undefined);
    assertExactlyExpected(sandbox, statePath);
  }, 600_000);
});
