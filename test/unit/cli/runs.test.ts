import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliContext, GlobalOptions } from '../../../src/cli/command.js';
import { redactDeep, resolveStatePath, runsCommand, shouldUseColor, summariseRunCounts } from '../../../src/cli/commands/runs.js';
import { UsageError } from '../../../src/core/errors.js';
import { silentLogger } from '../../../src/core/ports.js';
import type { StateStore } from '../../../src/core/store.js';
import { openStore } from '../../../src/store/index.js';

interface FakeContext extends CliContext {
  stdout(): string;
  printed: unknown[];
}

function createContext(options: { json?: boolean; isTTY?: boolean; env?: Record<string, string>; cwd?: string } = {}): FakeContext {
  let out = '';
  const printed: unknown[] = [];
  const json = options.json ?? false;
  return {
    io: {
      stdout: { write: (chunk: string) => (out += chunk), isTTY: options.isTTY ?? false },
      stderr: { write: () => true },
      env: options.env ?? {},
      cwd: options.cwd ?? dir,
    },
    json,
    log: silentLogger,
    signal: new AbortController().signal,
    print(value, human) {
      printed.push(value);
      out += json ? `${JSON.stringify(value)}\n` : human.endsWith('\n') ? human : `${human}\n`;
    },
    onClose() {},
    stdout: () => out,
    printed,
  };
}

function args(extra: Record<string, unknown> = {}): GlobalOptions & Record<string, unknown> {
  return { json: false, logLevel: 'warn', state: statePath, ...extra };
}

/** A clock that moves one second per call, so runs and rows get distinct, ordered times. */
function createSteppingClock(start = Date.parse('2026-11-21T13:40:00.000Z')): { now(): Date } {
  let current = start;
  return {
    now: () => {
      const date = new Date(current);
      current += 1000;
      return date;
    },
  };
}

let dir: string;
let statePath: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'membank-runs-'));
  statePath = join(dir, 'snapshots', 'membank.sqlite');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function populate(): { store: StateStore; migrateId: string; syncId: string; planId: string } {
  const store = openStore(statePath, { clock: createSteppingClock() });
  const migrate = store.runs.create({ id: '2026-11-21T13-40-00Z-aaaaaa', command: 'migrate' });
  const created = store.journal.appendPending({
    runId: migrate.id,
    opId: 'create:memory-bank/sprint.md#DEMO-001',
    job: 'import',
    kind: 'create',
    target: 'memory-bank/sprint.md#DEMO-001',
    preImage: null,
  });
  store.journal.markApplied(created, { remoteId: 41, postImage: { id: 41 } });
  const failed = store.journal.appendPending({
    runId: migrate.id,
    opId: 'create:memory-bank/sprint.md#DEMO-002',
    job: 'import',
    kind: 'create',
    target: 'memory-bank/sprint.md#DEMO-002',
    preImage: null,
  });
  store.journal.markFailed(failed, new Error('POST /api/v1/projects/3/tasks → 400: invalid due date'));
  store.runs.finish(migrate.id, {
    status: 'failed',
    summary: { byKind: { create: { planned: 2, applied: 1, failed: 1, skipped: 0, reverted: 0 } } },
    error: '1 op failed',
  });
  const sync = store.runs.create({ id: '2026-11-21T13-50-00Z-bbbbbb', command: 'sync' });
  store.runs.finish(sync.id, { status: 'succeeded', summary: { reads: 3, writes: 0, conflicts: 0 } });
  const plan = store.runs.create({ id: '2026-11-21T14-00-00Z-cccccc', command: 'plan' });
  return { store, migrateId: migrate.id, syncId: sync.id, planId: plan.id };
}

describe('membank runs', () => {
  it('says there are no runs yet, and creates nothing, when the state store does not exist', async () => {
    const ctx = createContext();
    expect(await runsCommand.run(args(), ctx)).toBe(0);
    expect(ctx.stdout()).toBe(`no runs yet (state store ${statePath} does not exist)\n`);
    expect(existsSync(statePath)).toBe(false);

    const json = createContext({ json: true });
    expect(await runsCommand.run(args({ json: true }), json)).toBe(0);
    expect(JSON.parse(json.stdout())).toEqual({ statePath, exists: false, runs: [], more: false });
  });

  it('says so when the store exists but holds no runs', async () => {
    openStore(statePath).close();
    const ctx = createContext();
    expect(await runsCommand.run(args(), ctx)).toBe(0);
    expect(ctx.stdout()).toBe(`no runs yet in ${statePath}\n`);
  });

  it('lists runs newest first with command, status, start, duration and summary counts', async () => {
    populate().store.close();
    const ctx = createContext();
    expect(await runsCommand.run(args(), ctx)).toBe(0);
    const lines = ctx.stdout().split('\n');
    expect(lines[0]).toBe(`3 runs in ${statePath}, newest first`);
    expect(lines[2]).toMatch(/^ID\s+COMMAND\s+STATUS\s+STARTED \(UTC\)\s+DURATION\s+SUMMARY$/);
    expect(lines[3]).toMatch(/^2026-11-21T14-00-00Z-cccccc\s+plan\s+running\s+2026-11-21 13:40:\d\dZ\s+running\s+—$/);
    expect(lines[4]).toMatch(/^2026-11-21T13-50-00Z-bbbbbb\s+sync\s+succeeded\s+2026-11-21 13:40:\d\dZ\s+1\.0 s\s+reads 3$/);
    expect(lines[5]).toMatch(
      /^2026-11-21T13-40-00Z-aaaaaa\s+migrate\s+failed\s+2026-11-21 13:40:00Z\s+\d\.0 s\s+planned 2 · applied 1 · failed 1 — 1 op failed$/,
    );
    expect(ctx.stdout()).toContain('membank show <run-id> shows one run');
    expect(ctx.stdout()).not.toContain('\u001b[');
  });

  it('honours --limit and says there are more', async () => {
    populate().store.close();
    const ctx = createContext();
    await runsCommand.run(args({ limit: 2 }), ctx);
    expect(ctx.stdout()).toContain(`2 runs in ${statePath}, newest first (the 2 newest; --limit N shows more)`);
    expect(ctx.stdout()).toContain('cccccc');
    expect(ctx.stdout()).toContain('bbbbbb');
    expect(ctx.stdout()).not.toContain('aaaaaa');
  });

  it('prints JSON with --json', async () => {
    populate().store.close();
    const ctx = createContext({ json: true });
    expect(await runsCommand.run(args({ json: true, limit: 3 }), ctx)).toBe(0);
    const value = JSON.parse(ctx.stdout()) as { statePath: string; more: boolean; runs: Array<Record<string, unknown>> };
    expect(value.statePath).toBe(statePath);
    expect(value.more).toBe(false);
    expect(value.runs.map((run) => run['id'])).toEqual([
      '2026-11-21T14-00-00Z-cccccc',
      '2026-11-21T13-50-00Z-bbbbbb',
      '2026-11-21T13-40-00Z-aaaaaa',
    ]);
    expect(value.runs[2]).toMatchObject({
      command: 'migrate',
      status: 'failed',
      startedAt: '2026-11-21T13:40:00.000Z',
      error: '1 op failed',
      summary: { byKind: { create: { applied: 1, failed: 1 } } },
    });
    expect(typeof value.runs[2]?.['durationMs']).toBe('number');
    expect(value.runs[0]?.['durationMs']).toBeNull();
  });

  it('rejects a --limit that is not a positive whole number', async () => {
    await expect(runsCommand.run(args({ limit: 0 }), createContext())).rejects.toThrow(UsageError);
    await expect(runsCommand.run(args({ limit: 2.5 }), createContext())).rejects.toThrow(/--limit must be a whole number/);
  });

  it('colours statuses on a TTY, but not with NO_COLOR', async () => {
    populate().store.close();
    const tty = createContext({ isTTY: true });
    await runsCommand.run(args(), tty);
    expect(tty.stdout()).toContain('\u001b[31mfailed\u001b[39m');
    const noColor = createContext({ isTTY: true, env: { NO_COLOR: '1' } });
    await runsCommand.run(args(), noColor);
    expect(noColor.stdout()).not.toContain('\u001b[');
  });
});

describe('membank runs --verify', () => {
  it('reports an intact chain', async () => {
    populate().store.close();
    const ctx = createContext();
    expect(await runsCommand.run(args({ verify: true }), ctx)).toBe(0);
    expect(ctx.stdout()).toBe(`journal OK: 4 rows, chain intact (${statePath})\n`);

    const json = createContext({ json: true });
    expect(await runsCommand.run(args({ verify: true, json: true }), json)).toBe(0);
    expect(JSON.parse(json.stdout())).toMatchObject({ statePath, ok: true, rows: 4, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('reports an empty journal as intact, and a missing store as no runs', async () => {
    openStore(statePath).close();
    const ctx = createContext();
    expect(await runsCommand.run(args({ verify: true }), ctx)).toBe(0);
    expect(ctx.stdout()).toBe(`journal OK: 0 rows, chain intact (${statePath})\n`);
    rmSync(join(dir, 'snapshots'), { recursive: true });
    const missing = createContext();
    expect(await runsCommand.run(args({ verify: true }), missing)).toBe(0);
    expect(missing.stdout()).toBe(`no runs yet (state store ${statePath} does not exist)\n`);
  });

  it('names the first tampered row, the reason, the affected runs and the fix, and exits 1', async () => {
    populate().store.close();
    const raw = new Database(statePath);
    raw.exec('DROP TRIGGER IF EXISTS journal_refuse_update; DROP TRIGGER IF EXISTS journal_refuse_delete;');
    raw.exec(`UPDATE journal SET remote_id = '999' WHERE seq = 2`);
    raw.close();

    const ctx = createContext();
    expect(await runsCommand.run(args({ verify: true }), ctx)).toBe(1);
    expect(ctx.stdout()).toBe(
      [
        'journal TAMPERED: row seq 2 (hash mismatch: the row was edited after it was written)',
        `  state store: ${statePath}; 1 row before it verified intact`,
        '  runs with rows from seq 2 on: 2026-11-21T13-40-00Z-aaaaaa',
        '  fix: the journal was edited outside membank; restore the state file from a backup, or start a new state file with --state; rollback of affected runs is unsafe',
        '',
      ].join('\n'),
    );

    const json = createContext({ json: true });
    expect(await runsCommand.run(args({ verify: true, json: true }), json)).toBe(1);
    expect(JSON.parse(json.stdout())).toEqual({
      statePath,
      ok: false,
      intactRows: 1,
      firstBadSeq: 2,
      reason: 'hash mismatch: the row was edited after it was written',
      affectedRuns: ['2026-11-21T13-40-00Z-aaaaaa'],
      fix: expect.stringContaining('restore the state file from a backup'),
    });
  });

  it('names a tampered row\'s run even when its content no longer reads and its run row was deleted too', async () => {
    const { store } = populate();
    const hidden = store.runs.create({ id: '2026-11-21T15-00-00Z-dddddd', command: 'migrate' });
    const entry = store.journal.appendPending({ runId: hidden.id, opId: 'create:x', job: 'import', kind: 'create', target: 'x', preImage: null });
    store.journal.markApplied(entry, { remoteId: 7 });
    store.runs.finish(hidden.id, { status: 'succeeded' });
    store.close();
    const raw = new Database(statePath);
    raw.pragma('foreign_keys = OFF');
    raw.exec('DROP TRIGGER IF EXISTS journal_refuse_update; DROP TRIGGER IF EXISTS journal_refuse_delete;');
    raw.exec(`UPDATE journal SET pre_image = '{not json' WHERE seq = 5`);
    raw.exec(`DELETE FROM runs WHERE id = '${hidden.id}'`);
    raw.close();

    const json = createContext({ json: true });
    expect(await runsCommand.run(args({ verify: true, json: true }), json)).toBe(1);
    expect(JSON.parse(json.stdout())).toMatchObject({ ok: false, firstBadSeq: 5, affectedRuns: [hidden.id] });
  });

  it('notices deleted rows', async () => {
    populate().store.close();
    const raw = new Database(statePath);
    raw.exec('DROP TRIGGER IF EXISTS journal_refuse_update; DROP TRIGGER IF EXISTS journal_refuse_delete;');
    raw.exec('DELETE FROM journal WHERE seq = 3');
    raw.close();
    const ctx = createContext();
    expect(await runsCommand.run(args({ verify: true }), ctx)).toBe(1);
    expect(ctx.stdout()).toMatch(/^journal TAMPERED: row seq 3 \(row 3 is missing \(deleted\): seq 4 follows seq 2\)\n/);
  });
});

describe('runs helpers', () => {
  it('resolves the state path from --state, MEMBANK_STATE, then the default under the cwd', () => {
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: dir };
    expect(resolveStatePath({}, io)).toBe(join(dir, 'snapshots', 'membank.sqlite'));
    expect(resolveStatePath({}, { ...io, env: { MEMBANK_STATE: 'state/x.sqlite' } })).toBe(join(dir, 'state', 'x.sqlite'));
    expect(resolveStatePath({ state: '/tmp/y.sqlite' }, { ...io, env: { MEMBANK_STATE: 'state/x.sqlite' } })).toBe('/tmp/y.sqlite');
  });

  it('uses colour only on a TTY, without --json, NO_COLOR or TERM=dumb; FORCE_COLOR forces it', () => {
    const io = (isTTY: boolean, env: Record<string, string> = {}) => ({
      stdout: { write: () => true, isTTY },
      stderr: { write: () => true },
      env,
      cwd: dir,
    });
    expect(shouldUseColor(io(true), false)).toBe(true);
    expect(shouldUseColor(io(false), false)).toBe(false);
    expect(shouldUseColor(io(true), true)).toBe(false);
    expect(shouldUseColor(io(true, { NO_COLOR: '1' }), false)).toBe(false);
    expect(shouldUseColor(io(true, { NO_COLOR: '' }), false)).toBe(true);
    expect(shouldUseColor(io(true, { TERM: 'dumb' }), false)).toBe(false);
    expect(shouldUseColor(io(false, { FORCE_COLOR: '1' }), false)).toBe(true);
    expect(shouldUseColor(io(false, { FORCE_COLOR: '1', NO_COLOR: '1' }), false)).toBe(false);
  });

  it('redacts secrets and token-shaped text in every string of a value', () => {
    const token = `tk_${'ab'.repeat(20)}`;
    expect(redactDeep({ a: `x ${token}`, b: ['secret-value', 3, null], c: { d: 'keep' } }, ['secret-value'])).toEqual({
      a: 'x [redacted]',
      b: ['[redacted]', 3, null],
      c: { d: 'keep' },
    });
  });

  it('condenses stored summaries into one line', () => {
    expect(summariseRunCounts(null)).toBe('—');
    expect(summariseRunCounts({})).toBe('—');
    expect(summariseRunCounts({ created: 3, updated: 0, labels: { created: 2, reused: 0 }, note: 'x' })).toBe('created 3 · labels.created 2');
    expect(
      summariseRunCounts({
        byKind: {
          create: { planned: 5, applied: 4, failed: 1, skipped: 0, reverted: 0 },
          update: { planned: 2, applied: 2, failed: 0, skipped: 1, reverted: 0 },
        },
      }),
    ).toBe('planned 7 · applied 6 · failed 1 · skipped 1');
    expect(summariseRunCounts({ a: 1, b: 2, c: 3 }, 2)).toBe('a 1 · b 2 · …');
  });

  it("names a write run's counts for what they count: ops (one per change) vs journaled writes (a bulk create is one)", () => {
    expect(summariseRunCounts({ applied: 61, failed: 0, notReached: 0, writes: 91 })).toBe('ops 91 · writes applied 61');
    expect(summariseRunCounts({ applied: 3, failed: 1, notReached: 5, writes: 9 })).toBe('ops 9 · writes applied 3 · writes failed 1 · ops not reached 5');
    expect(summariseRunCounts({ undone: 4, failed: 0, planned: 4 })).toBe('steps 4 · steps undone 4');
  });
});
