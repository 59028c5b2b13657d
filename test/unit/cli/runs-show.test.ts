import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliContext, GlobalOptions } from '../../../src/cli/command.js';
import { locateReportFile, showCommand } from '../../../src/cli/commands/show.js';
import { MembankError } from '../../../src/core/errors.js';
import { silentLogger } from '../../../src/core/ports.js';
import { renderJson } from '../../../src/report/index.js';
import { openStore } from '../../../src/store/index.js';
import { createSampleReport } from '../report/sample-report.js';

interface FakeContext extends CliContext {
  stdout(): string;
  stderr(): string;
}

function createContext(options: { json?: boolean } = {}): FakeContext {
  let out = '';
  let err = '';
  const json = options.json ?? false;
  return {
    io: {
      stdout: { write: (chunk: string) => (out += chunk), isTTY: false },
      stderr: { write: (chunk: string) => (err += chunk), isTTY: false },
      env: {},
      cwd: dir,
    },
    json,
    log: silentLogger,
    signal: new AbortController().signal,
    print(value, human) {
      out += json ? `${JSON.stringify(value)}\n` : human.endsWith('\n') ? human : `${human}\n`;
    },
    onClose() {},
    stdout: () => out,
    stderr: () => err,
  };
}

function args(runId: string, extra: Record<string, unknown> = {}): GlobalOptions & { runId: string } & Record<string, unknown> {
  return { json: false, logLevel: 'warn', state: statePath, runId, ...extra };
}

function createSteppingClock(start = Date.parse('2026-11-21T13:40:00.000Z')): { now(): Date } {
  let current = start;
  return {
    now: () => {
      const date = new Date(current);
      current += 250;
      return date;
    },
  };
}

const runId = '2026-11-21T13-40-00Z-k3x9q2';
let dir: string;
let statePath: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'membank-show-'));
  statePath = join(dir, 'snapshots', 'membank.sqlite');
  const store = openStore(statePath, { clock: createSteppingClock() });
  store.runs.create({ id: runId, command: 'migrate' });
  const project = store.journal.appendPending({ runId, opId: 'project:membank demo', job: 'import', kind: 'project', target: 'project:membank demo', preImage: null });
  store.journal.markApplied(project, { remoteId: 3 });
  const create = store.journal.appendPending({
    runId,
    opId: 'create:memory-bank/sprint.md#DEMO-001',
    job: 'import',
    kind: 'create',
    target: 'memory-bank/sprint.md#DEMO-001',
    preImage: null,
  });
  const applied = store.journal.markApplied(create, { remoteId: 41, postImage: { id: 41, title: 'DEMO-001 Demo bank' } });
  const failed = store.journal.appendPending({
    runId,
    opId: 'create:memory-bank/sprint.md#DEMO-002',
    job: 'import',
    kind: 'create',
    target: 'memory-bank/sprint.md#DEMO-002',
    preImage: null,
  });
  store.journal.markFailed(failed, new Error('POST /api/v1/projects/3/tasks → 400: invalid due date'));
  store.runs.finish(runId, { status: 'failed', summary: { created: 1, failed: 1 }, error: '1 op failed' });
  const rollback = store.runs.create({ id: '2026-11-21T14-00-00Z-rrrrrr', command: 'rollback' });
  store.journal.markReverted(applied, { byRunId: rollback.id, postImage: null });
  store.close();
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('membank show', () => {
  it('builds a view from the store when no report was saved', async () => {
    const ctx = createContext();
    expect(await showCommand.run(args(runId), ctx)).toBe(0);
    const text = ctx.stdout();
    expect(text).toContain(`membank migrate · run ${runId} · failed`);
    expect(text).toMatch(/^ {2}started {3}2026-11-21 13:40:00Z {2}\(took \d\.\d s\)$/m);
    expect(text).toContain('  summary   writes failed 1 · created 1');
    expect(text).toContain('  error     1 op failed');
    expect(text).toContain('Operations (3 ops: 1 applied, 1 failed, 1 reverted)');
    const rows = text.split('\n');
    expect(rows).toContainEqual(expect.stringMatching(/^ {2}OP\s+KIND\s+TARGET\s+STATUS\s+REMOTE\s+ERROR$/));
    expect(rows).toContainEqual(expect.stringMatching(/^ {2}project:membank demo\s+project\s+project:membank demo\s+applied\s+3$/));
    expect(rows).toContainEqual(
      expect.stringMatching(/^ {2}create:memory-bank\/sprint\.md#DEMO-001\s+create\s+memory-bank\/sprint\.md#DEMO-001\s+reverted\s+41$/),
    );
    expect(rows).toContainEqual(
      expect.stringMatching(
        /^ {2}create:memory-bank\/sprint\.md#DEMO-002\s+create\s+memory-bank\/sprint\.md#DEMO-002\s+failed\s+—\s+POST \/api\/v1\/projects\/3\/tasks → 400: invalid due date$/,
      ),
    );
    expect(text).toContain(`no report file at ${join(dir, 'snapshots', 'reports', runId, 'report.json')}`);
    expect(text).not.toContain('Journal (');
  });

  it('lists every journal row with --journal', async () => {
    const ctx = createContext();
    expect(await showCommand.run(args(runId, { journal: true }), ctx)).toBe(0);
    const text = ctx.stdout();
    expect(text).toContain('Journal (7 rows, oldest first)');
    const journal = text.slice(text.indexOf('Journal ('));
    const statuses = [...journal.matchAll(/^ +(\d+) +\S+ \S+ +(pending|applied|failed|reverted) /gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(statuses).toEqual(['1 pending', '2 applied', '3 pending', '4 applied', '5 pending', '6 failed', '7 reverted']);
    expect(journal).toContain('by 2026-11-21T14-00-00Z-rrrrrr');
  });

  it('renders the saved report when there is one, and says when the run changed since', async () => {
    const reportFile = locateReportFile(statePath, runId);
    expect(reportFile).toBe(join(dir, 'snapshots', 'reports', runId, 'report.json'));
    mkdirSync(join(dir, 'snapshots', 'reports', runId), { recursive: true });
    writeFileSync(reportFile ?? '', renderJson(createSampleReport({ status: 'succeeded' })));
    const ctx = createContext();
    expect(await showCommand.run(args(runId), ctx)).toBe(0);
    const text = ctx.stdout();
    expect(text).toContain(`membank migrate · run ${runId} · succeeded`);
    expect(text).toContain('  create        24       23       1        0         0');
    expect(text).toContain('  verify    FAILED — 23 tasks checked, 1 drift item');
    expect(text).toContain('note: the run is now failed (the report was written when it was succeeded)');
    expect(text).not.toContain('no report file');
  });

  it('falls back to the store view, with a note on stderr, when report.json is damaged', async () => {
    mkdirSync(join(dir, 'snapshots', 'reports', runId), { recursive: true });
    writeFileSync(join(dir, 'snapshots', 'reports', runId, 'report.json'), '{"runId": "x"}');
    const ctx = createContext();
    expect(await showCommand.run(args(runId), ctx)).toBe(0);
    expect(ctx.stderr()).toMatch(/report file .*report\.json: it is not a membank run report \(command: .*\); showing the journal view instead/);
    expect(ctx.stdout()).toContain('Operations (3 ops');
  });

  it('prints the run, report, ops and journal as JSON', async () => {
    const ctx = createContext({ json: true });
    expect(await showCommand.run(args(runId, { json: true, journal: true }), ctx)).toBe(0);
    const value = JSON.parse(ctx.stdout()) as Record<string, unknown> & { ops: unknown[]; journal: unknown[] };
    expect(value).toMatchObject({
      statePath,
      run: { id: runId, command: 'migrate', status: 'failed', error: '1 op failed' },
      reportFile: null,
      report: null,
    });
    expect(value.ops).toEqual([
      expect.objectContaining({ opId: 'project:membank demo', status: 'applied', remoteId: '3' }),
      expect.objectContaining({ opId: 'create:memory-bank/sprint.md#DEMO-002', status: 'failed', error: expect.stringContaining('400') }),
      expect.objectContaining({ opId: 'create:memory-bank/sprint.md#DEMO-001', status: 'reverted', remoteId: '41' }),
    ]);
    expect(value.journal).toHaveLength(7);
    expect(value.journal[3]).toMatchObject({ seq: 4, status: 'applied', postImage: { id: 41, title: 'DEMO-001 Demo bank' } });
  });

  it('refuses an unknown run id with the way out, exit 64 (as rollback does)', async () => {
    const error = await showCommand.run(args('2026-01-01T00-00-00Z-nope00'), createContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MembankError);
    expect((error as MembankError).exitCode).toBe(64);
    expect((error as MembankError).message).toBe(`no run 2026-01-01T00-00-00Z-nope00 in ${statePath}; \`membank runs\` lists them`);
  });

  it('refuses any run id when the state store does not exist, without creating it', async () => {
    const missing = join(dir, 'elsewhere', 'state.sqlite');
    const error = await showCommand.run(args(runId, { state: missing }), createContext()).catch((e: unknown) => e);
    expect((error as MembankError).exitCode).toBe(64);
    expect((error as MembankError).message).toBe(
      `no run ${runId} in ${missing} (the state store does not exist); \`membank runs\` lists them`,
    );
  });
});
